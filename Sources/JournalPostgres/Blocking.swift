import NIOCore
import NIOPosix

/// `JournalStore` is synchronous (the dashboard's one thread on `poll()`, appends on NIO's
/// thread pool), the PostgreSQL client asynchronous: this runs the async work on NIO's shared
/// event loops and waits for it. Never call it on an event loop thread: NIO traps the wait.
enum Blocking {
    static func run<Value: Sendable>(_ work: @escaping @Sendable () async throws -> Value) throws -> Value {
        try MultiThreadedEventLoopGroup.singleton.any().makeFutureWithTask(work).wait()
    }
}
