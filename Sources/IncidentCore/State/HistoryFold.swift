/// The whole of a long journal folded on threads of their own, while the dashboard shows what
/// its first read brought (`FollowUpdate.partial`); the result then takes that read's place.
///
/// It folds the lines before `history.endOffset`, the ones that read stood for, on both cores
/// (`FileJournal.read`), and reports how far it has got. Whoever takes the result applies the
/// lines that came after, as they were applied to the first read.
public final class HistoryFold {
    public let history: PartialHistory
    private let read: BackgroundRead<Outcome>

    public struct Outcome: Sendable {
        public var state: IncidentState
        /// Every bad line before `history.endOffset`, in order.
        public var badLines: [BadLine]
        public var failure: JournalError?
    }

    /// Starts folding at once.
    public init(_ history: PartialHistory, options: FoldOptions) {
        self.history = history
        read = BackgroundRead(totalBytes: history.endOffset) { progress in
            var state = IncidentState(options: options)
            var badLines: [BadLine] = []
            var failure: JournalError?
            do throws(JournalError) {
                try FileJournal(path: history.path).read(upTo: history.endOffset, continuing: progress.reached) { record in
                    switch record {
                    case let .event(event, line): state.apply(event, line: line)
                    case .bad(let bad): badLines.append(bad)
                    }
                }
            } catch {
                failure = error
            }
            return Outcome(state: state, badLines: badLines, failure: failure)
        }
    }

    /// How much of the journal has been folded, from 0 to 1.
    public var fractionDone: Double { read.fractionDone }

    /// The fold, once it is done; nil while it runs. Taken once.
    public func take() -> Outcome? { read.take() }
}
