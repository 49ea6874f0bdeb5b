import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A whole journal read on a thread of its own (and the helper `FileJournal.read` starts from
/// it), while the terminal loop shows what a quicker first read brought: `HistoryFold` for the
/// dashboard, `ReplayIndexing` for replay. The loop asks how far it has got and takes the
/// outcome once it is done; dropping it stops the read and waits for its threads.
final class BackgroundRead<Outcome: Sendable> {
    /// The bytes the read is expected to cover, for `fractionDone`.
    let totalBytes: Int64
    private let shared: Shared
    private let helper = HelperThread()

    /// What the two threads share: the helper writes, the loop's thread reads.
    fileprivate final class Shared: Sendable {
        let bytesRead = Atomic<Int64>(0)
        let stopping = Atomic<Bool>(false)
        let outcome = Mutex<Outcome?>(nil)
    }

    /// Handed to the work: it says how far it has got, and learns whether to go on.
    struct Progress: Sendable {
        fileprivate let shared: Shared

        /// Records that `bytes` have been read; false when the read is no longer wanted.
        func reached(_ bytes: Int64) -> Bool {
            shared.bytesRead.store(bytes, ordering: .relaxed)
            return !shared.stopping.load(ordering: .relaxed)
        }
    }

    /// Starts `work` at once, at a lower priority.
    init(totalBytes: Int64, _ work: @escaping @Sendable (Progress) -> Outcome) {
        self.totalBytes = totalBytes
        let shared = Shared()
        self.shared = shared
        let caller = pthread_self()
        helper.start {
            // Without a helper thread (it could not be made) this runs on the caller's, whose
            // priority must stay as it is: only root could raise it again.
            if pthread_equal(pthread_self(), caller) == 0 { Self.yieldToOthers() }
            let outcome = work(Progress(shared: shared))
            shared.outcome.withLock { $0 = outcome }
        }
    }

    /// Stops early and waits for the threads; the outcome is dropped.
    deinit {
        shared.stopping.store(true, ordering: .relaxed)
        helper.join()
        helper.stop()
    }

    /// Lowers this thread's priority (Linux sets it per thread), and so that of the threads it
    /// starts: the read must not take the cores from the terminal, nor from tmux drawing it, nor
    /// from a responder typing. Where nothing else runs, it still gets both.
    private static func yieldToOthers() {
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
    }

    /// How much of `totalBytes` has been read, from 0 to 1.
    var fractionDone: Double {
        guard totalBytes > 0 else { return 1 }
        return min(1, Double(shared.bytesRead.load(ordering: .relaxed)) / Double(totalBytes))
    }

    /// The outcome, once the work is done; nil while it runs. Taken once.
    func take() -> Outcome? {
        guard let outcome = shared.outcome.withLock({ $0.take() }) else { return nil }
        helper.join()
        return outcome
    }
}
