import IncidentCore
import Synchronization

/// A source failing every 2 s would fill stderr with the same line; this prints it at most once
/// per `interval` per source, saying how many were held back.
final class RateLimitedLog: Sendable {
    private let interval: Double
    private let write: @Sendable (String) -> Void
    private let lastPrinted = Mutex<[String: (at: Timestamp, heldBack: Int)]>([:])

    init(interval: Duration, write: @escaping @Sendable (String) -> Void) {
        self.interval = interval.seconds
        self.write = write
    }

    func log(_ key: String, _ message: String, now: Timestamp = .now()) {
        let heldBack: Int? = lastPrinted.withLock { printed in
            if let last = printed[key], last.at.seconds(until: now) < interval {
                printed[key]!.heldBack += 1
                return nil
            }
            defer { printed[key] = (now, 0) }
            return printed[key]?.heldBack ?? 0
        }
        guard let heldBack else { return }
        write(heldBack > 0 ? "\(message) (and \(heldBack) more like it)" : message)
    }
}
