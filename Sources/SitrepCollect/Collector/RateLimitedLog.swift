import IncidentCore

/// A source failing every 2 s would fill stderr with the same line; one source's log prints at
/// most once per `interval`, saying how many lines were held back. Each source's watch loop
/// keeps its own, so nothing is shared between tasks.
struct RateLimitedLog {
    private let interval: Double
    private var lastPrinted: Timestamp?
    private var heldBack = 0

    init(interval: Duration) { self.interval = interval.seconds }

    /// The line to print now, or nil while this source is held back.
    mutating func line(_ message: String, now: Timestamp = .now()) -> String? {
        if let lastPrinted, lastPrinted.seconds(until: now) < interval {
            heldBack += 1
            return nil
        }
        defer { lastPrinted = now; heldBack = 0 }
        return heldBack > 0 ? "\(message) (and \(heldBack) more like it)" : message
    }
}
