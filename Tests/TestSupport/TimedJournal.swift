import IncidentCore
import Synchronization

/// A journal that notes when its last append returned, so a test that bounds how long something
/// takes can leave out an append in progress: an `fsync` on a busy disk may stall for seconds.
public final class TimedJournal: JournalStore {
    public let journal: FileJournal
    private let lastAppendEnded = Mutex<ContinuousClock.Instant?>(nil)

    public init(_ journal: FileJournal) { self.journal = journal }

    /// The later of `start` and the end of the last append: from then on, only the code under
    /// test was running.
    public func afterAnyAppend(since start: ContinuousClock.Instant) -> ContinuousClock.Instant {
        max(start, lastAppendEnded.withLock { $0 } ?? start)
    }

    public var location: String { journal.location }

    @discardableResult
    public func append(_ event: Event) throws(JournalError) -> AppendReceipt {
        defer { lastAppendEnded.withLock { $0 = .now } }
        return try journal.append(event)
    }

    @discardableResult
    public func read(_ visit: (JournalRecord) -> Void) throws(JournalError) -> ReadStatistics { try journal.read(visit) }

    public func headHash() throws(JournalError) -> String? { try journal.headHash() }

    public func follow() throws(JournalError) -> any JournalFollowing { try journal.follow() }

    public func lineReader() throws(JournalError) -> any JournalLineReading { try journal.lineReader() }
}
