import IncidentCore
import NIOCore
import PostgresNIO

/// One append, as one transaction holding the incident's lock: read the last line, chain the new
/// lines to it, insert them at the next sequence numbers, announce them.
///
/// The lock is an advisory one on the incident's name, which needs no UPDATE right (responders
/// have none) and leaves other incidents' writers alone. Events whose ids are already in the
/// incident were written by an earlier try whose COMMIT reply was lost: they are not written
/// again, and their receipts come from the stored lines.
struct AppendTransaction: Sendable {
    let incident: String
    /// Each with its id set.
    let events: [Event]

    func run(on connection: PostgresConnection) async throws -> [AppendReceipt] {
        try await connection.inTransaction {
            try await connection.execute("SELECT pg_advisory_xact_lock(\(LockKey.incident(incident)))")
            // A statement of its own after the lock is granted: under READ COMMITTED its snapshot
            // is taken now, so it sees the line the previous holder committed.
            let tail = try await readTail(connection)
            var seq = tail.lastSeq
            var previous = tail.lastLine.map { line in line.withUnsafeReadableBytes { ChainHash.of($0) } }
            var written = tail.written
            var rows: [NewRow] = []
            var receipts: [AppendReceipt] = []
            for var event in events {
                let id = event.id!
                if let line = written[id] {
                    receipts.append(Self.receipt(id: id, line: line))
                    continue
                }
                event.prev = previous
                let line = EventEncoder.encode(event)
                seq += 1
                rows.append(NewRow(seq: seq, line: line, event: event))
                receipts.append(Self.receipt(id: id, line: line))
                previous = receipts.last!.hash
                written[id] = line
            }
            guard !rows.isEmpty else { return receipts }
            // A collector's backlog after an outage can be thousands of events: several INSERTs.
            for chunk in NewRow.chunks(rows) {
                let isLast = chunk.upperBound == rows.count
                try await connection.execute(NewRow.insert(rows[chunk], incident: incident, announcing: isLast))
            }
            return receipts
        }
    }

    private struct Tail {
        var lastSeq: Int64 = 0
        var lastLine: ByteBuffer?
        var written: [String: [UInt8]] = [:]
    }

    /// The last line and any of this append's ids already present, in one round trip.
    private func readTail(_ connection: PostgresConnection) async throws -> Tail {
        let ids = events.map { $0.id! }
        let rows = try await connection.query(IncidentLookups.appendTail(incident: incident, ids: ids),
                                              logger: StoreSession.logger)
        var tail = Tail()
        for try await (seq, line, id) in rows.decode((Int64, ByteBuffer, String?).self) {
            if let id, ids.contains(id) { tail.written[id] = Array(line.readableBytesView) }
            tail.lastSeq = seq
            tail.lastLine = line
        }
        return tail
    }

    static func receipt(id: String, line: [UInt8]) -> AppendReceipt {
        AppendReceipt(id: id, hash: ChainHash.of(line), line: String(decoding: line, as: UTF8.self))
    }
}
