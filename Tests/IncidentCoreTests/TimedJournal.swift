import IncidentCore
import Synchronization

/// A journal that notes when its last append returned, so a test that bounds how long something
/// takes can leave out an append in progress: an `fsync` on a busy disk may stall for seconds.
final class TimedJournal: JournalStore {
    let journal: FileJournal
    private let lastAppendEnded = Mutex<ContinuousClock.Instant?>(nil)

    init(_ journal: FileJournal) { self.journal = journal }

    /// The later of `start` and the end of the last append: from then on, only the code under
    /// test was running.
    func afterAnyAppend(since start: ContinuousClock.Instant) -> ContinuousClock.Instant {
        max(start, lastAppendEnded.withLock { $0 } ?? start)
    }

    var location: String { journal.location }

    @discardableResult
    func append(_ event: Event) throws(JournalError) -> AppendReceipt {
        defer { lastAppendEnded.withLock { $0 = .now } }
        return try journal.append(event)
    }

    @discardableResult
    func read(_ visit: (JournalRecord) -> Void) throws(JournalError) -> ReadStatistics { try journal.read(visit) }

    func headHash() throws(JournalError) -> String? { try journal.headHash() }

    func follow() throws(JournalError) -> any JournalFollowing { try journal.follow() }
}
