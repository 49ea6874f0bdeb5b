import Synchronization

/// Wakes one waiting task, or the next one to wait if none is waiting yet. Signals that come
/// while nobody waits count as one: the waiter takes everything pending when it wakes.
final class WakeSignal: Sendable {
    private struct State {
        var signalled = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    func signal() {
        let waiter = state.withLock { state in
            guard let waiter = state.waiter else {
                state.signalled = true
                return nil as CheckedContinuation<Void, Never>?
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Returns at once if signalled since the last wait, else at the next signal. One waiter at a time.
    func wait() async {
        await withCheckedContinuation { continuation in
            let signalled = state.withLock { state in
                if state.signalled {
                    state.signalled = false
                    return true
                }
                state.waiter = continuation
                return false
            }
            if signalled { continuation.resume() }
        }
    }
}
