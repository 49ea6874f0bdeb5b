import NIOCore
import NIOPosix
import Synchronization

/// `JournalStore` is synchronous (the dashboard's one thread on `poll()`, appends on NIO's
/// thread pool), the PostgreSQL client asynchronous: this runs the async work on NIO's shared
/// event loops and waits for it. Never call it on an event loop thread: NIO traps the wait.
///
/// The work runs on the event loop itself, not on Swift's cooperative pool: that pool has one
/// thread per core, and callers that block in `wait()` while sitting on it (a test, an async
/// command) would otherwise wait for work that can never get a thread.
enum Blocking {
    static func run<Value: Sendable>(_ work: @escaping @Sendable () async throws -> Value) throws -> Value {
        try start(on: MultiThreadedEventLoopGroup.singleton.any(), work).futureResult.wait()
    }

    /// The same, giving up after `limit`: `onTimeout` runs once (closing the connection the work
    /// waits on, so the work fails), and the wait throws `TimedOut`.
    ///
    /// `loop` is best the loop of the connection the work uses: its statements and their replies
    /// then never cross between threads (a third of an append's time when they did).
    static func run<Value: Sendable>(on loop: any EventLoop, within limit: Duration, onTimeout: @escaping @Sendable () -> Void,
                                     _ work: @escaping @Sendable () async throws -> Value) throws -> Value {
        let promise = start(on: loop, work)
        let timedOut = TimeoutFlag()
        let timer = promise.futureResult.eventLoop.scheduleTask(in: .nanoseconds(limit.nanoseconds)) {
            timedOut.fire()
            onTimeout()
        }
        defer { timer.cancel() }
        do {
            return try promise.futureResult.wait()
        } catch {
            if timedOut.hasFired { throw TimedOut(limit: limit) }
            throw error
        }
    }

    struct TimedOut: Error {
        let limit: Duration
    }

    private static func start<Value: Sendable>(on loop: any EventLoop, _ work: @escaping @Sendable () async throws -> Value)
        -> EventLoopPromise<Value>
    {
        let promise = loop.makePromise(of: Value.self)
        Task(executorPreference: LoopTaskExecutor(loop: loop)) {
            do {
                promise.succeed(try await work())
            } catch {
                promise.fail(error)
            }
        }
        return promise
    }
}

/// Runs a task's jobs on one event loop.
private final class LoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    init(loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

private final class TimeoutFlag: Sendable {
    private let fired = Atomic<Bool>(false)
    func fire() { fired.store(true, ordering: .releasing) }
    var hasFired: Bool { fired.load(ordering: .acquiring) }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
