#if canImport(Glibc)
import Glibc
#endif

/// One extra thread for fork-join work: `run` hands it a job, does its own share on the calling
/// thread, and returns when both are done. The one thread of its own that sitrep starts outside
/// the terminal loop: decoding a large journal needs both cores now, not when a pool gets to it.
///
/// A dedicated thread rather than `DispatchQueue.concurrentPerform`: on this two-core target,
/// libdispatch sometimes ran every iteration on the caller (its pool had no idle worker yet),
/// and reading a large journal silently fell back to one core. Not the cooperative pool either:
/// a job blocks a thread for its whole length, which the pool's threads must never do.
final class HelperThread {
    /// What the helper runs: it crosses to another thread, so it may capture only Sendable values.
    typealias Job = @Sendable () -> Void

    private struct Work: Sendable {
        var job: Job?
        var finished = false
        var stopping = false
    }

    private let work = ConditionLock(Work())
    private let thread: pthread_t?

    init() {
        // The thread holds the lock it waits on, not this object, so `deinit` can still run.
        let context = Unmanaged.passRetained(work).toOpaque()
        var handle = pthread_t()
        let created = pthread_create(&handle, nil, { context in
            HelperThread.serve(Unmanaged<ConditionLock<Work>>.fromOpaque(context!).takeRetainedValue())
            return nil
        }, context)
        if created == 0 {
            thread = handle
        } else {
            Unmanaged<ConditionLock<Work>>.fromOpaque(context).release()
            thread = nil
        }
    }

    /// Runs `helperJob` on the helper thread and `ownJob` here, returning when both have finished.
    /// Without a helper thread (it could not be created) both run here, one after the other.
    func run(_ helperJob: @escaping Job, alongside ownJob: () -> Void) {
        guard thread != nil else {
            ownJob()
            helperJob()
            return
        }
        start(helperJob)
        ownJob()
        join()
    }

    /// Hands the helper a job and returns at once; `join` waits for it. One job at a time.
    /// Without a helper thread the job runs here, before this returns.
    func start(_ helperJob: @escaping Job) {
        guard thread != nil else {
            helperJob()
            return
        }
        work.withLock { work in
            work.job = helperJob
            work.finished = false
        }
    }

    /// Returns when the job given to `start` has finished.
    func join() {
        guard thread != nil else { return }
        work.wait(until: \.finished)
    }

    /// Ends the helper thread; call when no `run` is in progress. Stopping twice is harmless.
    func stop() {
        guard let thread else { return }
        let first = work.withLock { work in
            defer { work.stopping = true }
            return !work.stopping
        }
        if first { pthread_join(thread, nil) }
    }

    private static func serve(_ work: ConditionLock<Work>) {
        while true {
            var job = work.wait(until: { $0.job != nil || $0.stopping }) { work -> Job? in
                defer { work.job = nil }
                return work.job
            }
            guard job != nil else { return }  // stopping
            job!()
            // Let go of the job before saying it is done: it may hold a closure that its owner
            // lent without escaping (`withoutActuallyEscaping`), which must not outlive `run`.
            job = nil
            work.withLock { $0.finished = true }
        }
    }
}
