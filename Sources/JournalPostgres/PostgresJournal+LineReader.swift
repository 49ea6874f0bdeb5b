import IncidentCore
import NIOCore

extension PostgresJournal {
    public func lineReader() throws(JournalError) -> any JournalLineReading {
        StoreLineReader(journal: self)
    }
}

/// One row of the incident by its `seq` (the line number the follower gave it), one indexed
/// query per look-up: the detail view opens an entry at a time.
final class StoreLineReader: JournalLineReading {
    private let journal: PostgresJournal
    /// An indexed read of one row: when it takes longer the store is in trouble, and the
    /// responder who pressed Enter should not wait the 5 s an append may.
    static let limit: Duration = .seconds(2)

    init(journal: PostgresJournal) { self.journal = journal }

    func event(atLine number: Int) throws(JournalError) -> Event? {
        let incident = journal.incident
        let seq = Int64(number)
        let line = try journal.session.run(within: Self.limit) { connection in
            try await connection.value(IncidentLookups.line(incident: incident, seq: seq), as: ByteBuffer.self)
        }
        guard let line else { return nil }
        return line.withUnsafeReadableBytes { try? EventDecoder.decode($0).get() }
    }
}
