import NIOCore

/// Runs a task's jobs on one NIO event loop, the loop its connection lives on, instead of Swift's
/// cooperative pool: a caller that blocks the pool's few threads (a synchronous command waiting on
/// the store, a test) then cannot starve a follower of the time it needs to read what arrives.
final class EventLoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    init(_ loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        loop.execute { job.runSynchronously(on: executor) }
    }
}
