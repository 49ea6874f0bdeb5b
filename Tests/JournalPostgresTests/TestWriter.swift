import Foundation
import IncidentCore
import NIOCore
import PostgresNIO
@testable import JournalPostgres

/// Appends to an incident with the store's own writer (`PostgresJournal`), on a thread of its own
/// so an async test does not block the cooperative pool; and, for what only `import` writes, a bad
/// line as it stands, under the same lock the writer takes.
final class TestWriter: Sendable {
    let journal: PostgresJournal
    let connection: PostgresConnection
    let incident: String

    private init(journal: PostgresJournal, connection: PostgresConnection) {
        self.journal = journal
        self.connection = connection
        self.incident = journal.address.incident
    }

    static func open(_ address: PostgresAddress) async throws -> TestWriter {
        let journal = PostgresJournal(address: address, connector: StoreConnector(address: address))
        try await onOwnThread { try journal.open() }
        return TestWriter(journal: journal, connection: try await StoreConnector(address: address).connect())
    }

    func close() async {
        try? await connection.close()
    }

    /// A test that throws before `close()` must not leave the connection open (the client traps).
    deinit { StoreSession.close(connection) }

    /// Appends the events in one transaction, as the dashboard and every command do.
    func append(_ events: [Event]) async throws {
        let journal = self.journal
        _ = try await onOwnThread { try journal.appendAll(events) }
    }

    func append(_ event: Event) async throws { try await append([event]) }

    /// A line as it stands, bad or not: what `import` does with a file's bad lines.
    func appendRaw(_ line: String) async throws {
        try await transaction(on: connection) {
            _ = try await connection.query("SELECT pg_advisory_xact_lock(\(LockKey.incident(incident)))",
                                           logger: StoreConnector.logger).collect()
            let (seq, _) = try await head()
            try await insert([Array(line.utf8)], kinds: [nil], times: [nil], after: seq)
            _ = try await connection.query("SELECT pg_notify(\(StoreSchema.channel), \("\(seq + 1) \(incident)"))",
                                           logger: StoreConnector.logger).collect()
        }
    }

    /// The last `seq` and the hash of its line (nil for an empty incident).
    private func head() async throws -> (Int64, String?) {
        let rows = try await connection.query(
            "SELECT seq, line FROM sitrep.events WHERE incident = \(incident) ORDER BY seq DESC LIMIT 1",
            logger: StoreConnector.logger).collect()
        guard let row = rows.first else { return (0, nil) }
        let (seq, line) = try row.decode((Int64, ByteBuffer).self)
        return (seq, ChainHash.of(Array(line.readableBytesView)))
    }

    /// One statement for the whole batch, so 20,000 lines load in a moment.
    private func insert(_ lines: [[UInt8]], kinds: [String?], times: [Timestamp?], after seq: Int64) async throws {
        for start in stride(from: 0, to: lines.count, by: 2_000) {
            let range = start..<min(start + 2_000, lines.count)
            let seqs = range.map { seq + 1 + Int64($0) }
            let buffers = range.map { ByteBuffer(bytes: lines[$0]) }
            let kindTexts = range.map { kinds[$0] ?? "" }
            let seconds = range.map { times[$0].map { Double($0.microseconds) / 1e6 } ?? -1 }
            _ = try await connection.query("""
                INSERT INTO sitrep.events (incident, seq, line, kind, ts)
                SELECT \(incident), s, l, NULLIF(k, ''), CASE WHEN t < 0 THEN NULL ELSE to_timestamp(t) END
                FROM unnest(\(seqs)::bigint[], \(buffers)::bytea[], \(kindTexts)::text[], \(seconds)::float8[]) AS u(s, l, k, t)
                """, logger: StoreConnector.logger).collect()
        }
    }
}
