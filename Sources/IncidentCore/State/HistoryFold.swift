import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The whole of a long journal folded on threads of their own, while the dashboard shows what
/// its first read brought (`FollowUpdate.partial`); the result then takes that read's place.
///
/// It folds the lines before `history.endOffset`, the ones that read stood for, on both cores
/// (`FileJournal.read`), and reports how far it has got. Whoever takes the result applies the
/// lines that came after, as they were applied to the first read.
public final class HistoryFold {
    public let history: PartialHistory
    private let progress: Progress
    private let helper = HelperThread()

    public struct Outcome: Sendable {
        public var state: IncidentState
        /// Every bad line before `history.endOffset`, in order.
        public var badLines: [BadLine]
        public var failure: JournalError?
    }

    /// What the two threads share: the helper writes, the loop's thread reads.
    private final class Progress: Sendable {
        let bytesRead = Atomic<Int64>(0)
        let stopping = Atomic<Bool>(false)
        let outcome = Mutex<Outcome?>(nil)
    }

    /// Starts folding at once.
    public init(_ history: PartialHistory, options: FoldOptions) {
        self.history = history
        let progress = Progress()
        self.progress = progress
        helper.start {
            Self.yieldToOthers()
            var state = IncidentState(options: options)
            var badLines: [BadLine] = []
            var failure: JournalError?
            do throws(JournalError) {
                try FileJournal(path: history.path).read(upTo: history.endOffset, continuing: { read in
                    progress.bytesRead.store(read, ordering: .relaxed)
                    return !progress.stopping.load(ordering: .relaxed)
                }) { record in
                    switch record {
                    case let .event(event, line): state.apply(event, line: line)
                    case .bad(let bad): badLines.append(bad)
                    }
                }
            } catch {
                failure = error
            }
            let outcome = Outcome(state: state, badLines: badLines, failure: failure)
            progress.outcome.withLock { $0 = outcome }
        }
    }

    /// Stops early and waits for the threads; the result is dropped.
    deinit {
        progress.stopping.store(true, ordering: .relaxed)
        helper.join()
        helper.stop()
    }

    /// Lowers this thread's priority (Linux sets it per thread), and so that of the thread
    /// `FileJournal.read` starts from it: the fold must not take the cores from the terminal,
    /// nor from tmux drawing it, nor from a responder typing. Where nothing else runs, it still
    /// gets both.
    private static func yieldToOthers() {
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
    }

    /// How much of the journal has been folded, from 0 to 1.
    public var fractionDone: Double {
        guard history.endOffset > 0 else { return 1 }
        return min(1, Double(progress.bytesRead.load(ordering: .relaxed)) / Double(history.endOffset))
    }

    /// The fold, once it is done; nil while it runs. Taken once.
    public func take() -> Outcome? {
        guard let outcome = progress.outcome.withLock({ $0.take() }) else { return nil }
        helper.join()
        return outcome
    }
}
