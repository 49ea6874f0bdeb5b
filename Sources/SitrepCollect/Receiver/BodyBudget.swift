import Synchronization

/// The request bodies held in memory at once, across every connection. Each body is bounded by
/// `--max-body`; this bounds their sum, so many large posts at once cannot take the machine's
/// memory. A body that would go past it is answered 503, which Alertmanager retries.
final class BodyBudget: Sendable {
    let limit: Int
    private let used = Mutex(0)

    init(limit: Int) { self.limit = limit }

    /// True, and the bytes counted, when they fit.
    func reserve(_ bytes: Int) -> Bool {
        used.withLock { used in
            guard bytes <= limit - used else { return false }
            used += bytes
            return true
        }
    }

    func release(_ bytes: Int) {
        used.withLock { $0 -= bytes }
    }
}
