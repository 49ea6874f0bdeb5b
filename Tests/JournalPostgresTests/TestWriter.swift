import Foundation
import IncidentCore
import NIOCore
import PostgresNIO
@testable import JournalPostgres

/// Appends to an incident as the store's writer does, on a connection of its own: under the
/// incident's advisory lock, `prev` the SHA-256 of the previous line, the row at `seq + 1`, and
/// `pg_notify(sitrep_events, 'SEQ INCIDENT')`, all in one transaction.
final class TestWriter: Sendable {
    let connection: PostgresConnection
    let incident: String

    private init(connection: PostgresConnection, incident: String) {
        self.connection = connection
        self.incident = incident
    }

    static func open(_ address: PostgresAddress) async throws -> TestWriter {
        TestWriter(connection: try await StoreConnector(address: address).connect(), incident: address.incident)
    }

    func close() async {
        try? await connection.close()
    }

    /// Appends the events in one transaction; returns the `seq` of the last.
    @discardableResult
    func append(_ events: [Event]) async throws -> Int64 {
        try await transaction(on: connection) {
            _ = try await connection.query("SELECT pg_advisory_xact_lock(hashtext('sitrep.events'), hashtext(\(incident)))",
                                           logger: StoreConnector.logger).collect()
            var (seq, prev) = try await head()
            var lines: [[UInt8]] = []
            for var event in events {
                if event.id == nil { event.id = EventID.make() }
                if event.logged == nil { event.logged = .now() }
                event.prev = prev
                let line = EventEncoder.encode(event)
                prev = ChainHash.of(line)
                lines.append(line)
            }
            try await insert(lines, kinds: events.map(\.kind.name), times: events.map(\.ts), after: seq)
            seq += Int64(lines.count)
            _ = try await connection.query("SELECT pg_notify(\(StoreSchema.channel), \("\(seq) \(incident)"))",
                                           logger: StoreConnector.logger).collect()
            return seq
        }
    }

    @discardableResult
    func append(_ event: Event) async throws -> Int64 { try await append([event]) }

    /// A line as it stands, bad or not: what `import` does with a file's bad lines.
    func appendRaw(_ line: String) async throws {
        try await transaction(on: connection) {
            _ = try await connection.query("SELECT pg_advisory_xact_lock(hashtext('sitrep.events'), hashtext(\(incident)))",
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
