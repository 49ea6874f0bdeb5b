/// A pool source that fails once is noise; one that keeps failing is news for the timeline,
/// and so is its recovery.
struct SourceFailures {
    let reportAfter: Int
    private var inARow = 0
    private var reported = false

    init(reportAfter: Int) { self.reportAfter = reportAfter }

    /// True when this failure is the one to write down.
    mutating func failed() -> Bool {
        inARow += 1
        guard inARow >= reportAfter, !reported else { return false }
        reported = true
        return true
    }

    /// The failures to mention when the source works again after they were written down.
    mutating func succeeded() -> Int? {
        defer { inARow = 0; reported = false }
        return reported ? inARow : nil
    }
}
