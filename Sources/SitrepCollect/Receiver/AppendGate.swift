import NIOCore
import NIOPosix
import Synchronization

/// The receiver's blocking journal appends, on NIO's shared thread pool. That pool is never shut
/// down, so the gate does what shutting down a pool of our own did: once closed it refuses new
/// appends (the client gets a 503 and Alertmanager retries), and `close` completes when the
/// appends already running have finished, so none is cut off by the process exiting.
final class AppendGate: Sendable {
    private struct State {
        var open = true
        var running = 0
        var drained: [EventLoopPromise<Void>] = []
    }

    struct Closed: Error {}

    private let state = Mutex(State())
    private let pool: NIOThreadPool

    init(pool: NIOThreadPool = .singleton) {
        self.pool = pool
    }

    func run<Value: Sendable>(eventLoop: any EventLoop, _ body: @escaping @Sendable () -> Value) -> EventLoopFuture<Value> {
        let admitted = state.withLock { state in
            if state.open { state.running += 1 }
            return state.open
        }
        guard admitted else { return eventLoop.makeFailedFuture(Closed()) }
        let result = pool.runIfActive(eventLoop: eventLoop, body)
        result.whenComplete { [self] _ in finishedOne() }
        return result
    }

    /// Refuses further appends; succeeds once the running ones have finished.
    func close(on eventLoop: any EventLoop) -> EventLoopFuture<Void> {
        let drained = eventLoop.makePromise(of: Void.self)
        let idle = state.withLock { state in
            state.open = false
            if state.running > 0 { state.drained.append(drained) }
            return state.running == 0
        }
        if idle { drained.succeed() }
        return drained.futureResult
    }

    private func finishedOne() {
        let waiters = state.withLock { state in
            state.running -= 1
            guard state.running == 0 else { return [EventLoopPromise<Void>]() }
            defer { state.drained.removeAll() }
            return state.drained
        }
        for waiter in waiters { waiter.succeed() }
    }
}
