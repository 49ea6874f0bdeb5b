import Synchronization

/// How many connections are sending headers right now, across all of them. Before its headers
/// are complete a client has shown no token, so this is what anyone who can reach the port can
/// hold; past the cap, connections are closed as they come and the log says so once in a while.
final class HeaderSlots: Sendable {
    private struct State {
        var taken = 0
        var refusals = RateLimitedLog(interval: .seconds(30))
    }

    let capacity: Int
    private let state = Mutex(State())
    private let log: @Sendable (String) -> Void

    init(capacity: Int, log: @escaping @Sendable (String) -> Void) {
        self.capacity = capacity
        self.log = log
    }

    /// False when every slot is taken; the refusal is logged, at most once per interval.
    func take() -> Bool {
        let (granted, line): (Bool, String?) = state.withLock { state in
            if state.taken < capacity {
                state.taken += 1
                return (true, nil)
            }
            return (false, state.refusals.line("\(capacity) connections are already sending headers; closing new ones at once"))
        }
        if let line { log(line) }
        return granted
    }

    func release() {
        state.withLock { $0.taken -= 1 }
    }
}
