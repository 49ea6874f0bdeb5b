#if canImport(Glibc)
import Glibc
#endif

/// A value guarded by a pthread mutex, with a condition variable for waiting until it changes.
///
/// For where a thread must block until another has done something: the decoder's helper thread
/// waiting for work, the caller waiting for the helper's part, and `stop()` of the demo player waiting for
/// an append in progress. Synchronization's `Mutex` cannot wait, and sitrep does not use Dispatch.
/// Every change made through `withLock` wakes every waiter, which then checks its own condition.
package final class ConditionLock<State: Sendable>: @unchecked Sendable {
    // Unchecked: `state` is read and written only between pthread_mutex_lock and _unlock, a proof
    // the compiler cannot follow through the C calls. The pthread objects live on the heap because
    // they must never move.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var state: State

    package init(_ state: State) {
        self.state = state
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Reads or changes the state under the lock; waiters look at it again afterwards.
    package func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer {
            pthread_cond_broadcast(condition)
            pthread_mutex_unlock(mutex)
        }
        return try body(&state)
    }

    /// Blocks the calling thread until `isReady` holds, then runs `body` under the same lock.
    package func wait<Result>(until isReady: (State) -> Bool, then body: (inout State) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer {
            pthread_cond_broadcast(condition)
            pthread_mutex_unlock(mutex)
        }
        while !isReady(state) { pthread_cond_wait(condition, mutex) }
        return try body(&state)
    }

    /// Blocks the calling thread until `isReady` holds.
    package func wait(until isReady: (State) -> Bool) {
        wait(until: isReady) { _ in }
    }
}
