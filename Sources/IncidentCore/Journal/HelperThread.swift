import Dispatch

#if canImport(Glibc)
import Glibc
#endif

/// One extra thread for fork-join work: `run` hands it a job, does its own share on the calling
/// thread, and returns when both are done.
///
/// A dedicated thread rather than `DispatchQueue.concurrentPerform`: on this two-core target,
/// libdispatch sometimes ran every iteration on the caller (its pool had no idle worker yet),
/// and reading a large journal silently fell back to one core.
final class HelperThread: @unchecked Sendable {
    // Unchecked: `job` and `stopping` are written by the owner only while the helper is parked on
    // `start`, and read by the helper only after `start` is signalled; the semaphores order them.
    private let start = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private var job: (() -> Void)?
    private var stopping = false
    private var thread: pthread_t?

    init() {
        let context = Unmanaged.passRetained(self).toOpaque()
        var handle = pthread_t()
        let created = pthread_create(&handle, nil, { context in
            let helper = Unmanaged<HelperThread>.fromOpaque(context!).takeRetainedValue()
            helper.serve()
            return nil
        }, context)
        if created == 0 {
            thread = handle
        } else {
            Unmanaged<HelperThread>.fromOpaque(context).release()
        }
    }

    /// Runs `helperJob` on the helper thread and `ownJob` here, returning when both have finished.
    /// Without a helper thread (it could not be created) both run here, one after the other.
    func run(_ helperJob: @escaping () -> Void, alongside ownJob: () -> Void) {
        guard thread != nil else {
            ownJob()
            helperJob()
            return
        }
        job = helperJob
        start.signal()
        ownJob()
        done.wait()
    }

    /// Ends the helper thread; call once, when no `run` is in progress.
    func stop() {
        guard let thread else { return }
        stopping = true
        start.signal()
        pthread_join(thread, nil)
        self.thread = nil
    }

    private func serve() {
        while true {
            start.wait()
            if stopping { return }
            job?()
            job = nil
            done.signal()
        }
    }
}
