import IncidentCore

/// A pool source that fails once is noise; one that keeps failing leaves the team blind to the
/// pool (a stopped PgBouncer whose exporter still answers, an exporter gone), which is an alert
/// episode of its own: opened after `reportAfter` failures in a row, closed when a read works.
struct SourceFailures {
    struct Blindness: Equatable {
        var since: Timestamp
        var failures: Int
    }

    let reportAfter: Int
    private var inARow = 0
    private var firstFailure: Timestamp?
    private var reported = false

    init(reportAfter: Int) { self.reportAfter = reportAfter }

    /// True when this failure opens the episode.
    mutating func failed(at time: Timestamp) -> Bool {
        inARow += 1
        if firstFailure == nil { firstFailure = time }
        guard inARow >= reportAfter, !reported else { return false }
        reported = true
        return true
    }

    /// The episode this success ends, if one was opened.
    mutating func succeeded() -> Blindness? {
        defer { inARow = 0; reported = false; firstFailure = nil }
        guard reported, let firstFailure else { return nil }
        return Blindness(since: firstFailure, failures: inARow)
    }
}
