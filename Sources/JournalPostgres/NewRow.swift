import IncidentCore
import NIOCore
import PostgresNIO

/// A line about to be inserted, with the columns read from it: `kind` and `ts` for listing
/// incidents without decoding every line, `id` for finding an append that was already written.
struct NewRow: Sendable {
    let seq: Int64
    let line: [UInt8]
    let kind: String?
    /// RFC 3339 with six fraction digits, cast by PostgreSQL: exact to the microsecond.
    let time: String?
    let id: String?

    init(seq: Int64, line: [UInt8], event: Event?, keepsID: Bool = true) {
        self.seq = seq
        self.line = line
        kind = event?.kind.name
        time = event.map { RFC3339.journalFormat($0.ts) }
        id = keepsID ? event?.id : nil
    }

    /// Rows per INSERT, and bytes: PostgreSQL takes at most 65,535 parameters in a statement,
    /// and a round trip carries a few megabytes at most.
    static let chunkRows = 1_000
    static let chunkBytes = 4 << 20

    /// `rows` cut into INSERTs of at most `chunkRows` rows and (a line longer than that aside)
    /// `chunkBytes` bytes.
    static func chunks(_ rows: [NewRow]) -> [Range<Int>] {
        var chunks: [Range<Int>] = []
        var start = rows.startIndex
        while start < rows.endIndex {
            var end = start + 1
            var bytes = rows[start].line.count
            while end < rows.endIndex, end - start < chunkRows, bytes + rows[end].line.count <= chunkBytes {
                bytes += rows[end].line.count
                end += 1
            }
            chunks.append(start..<end)
            start = end
        }
        return chunks
    }

    /// One multi-row INSERT of at most `chunkRows` rows. With `announcing`, the same statement
    /// also tells every follower of the incident that lines up to the last row's `seq` are there
    /// (delivered at COMMIT): one round trip fewer per append.
    static func insert(_ rows: ArraySlice<NewRow>, incident: String, announcing: Bool = false) -> PostgresQuery {
        var binds = PostgresBindings(capacity: 3 + rows.count * 5)
        binds.append(incident)
        var sql = "INSERT INTO sitrep.events (incident, seq, line, kind, ts, id) VALUES "
        var next = 2
        for (index, row) in rows.enumerated() {
            if index > 0 { sql += ", " }
            sql += "($1, $\(next), $\(next + 1), $\(next + 2), $\(next + 3)::timestamptz, $\(next + 4))"
            binds.append(row.seq)
            binds.append(ByteBuffer(bytes: row.line))
            binds.append(row.kind)
            binds.append(row.time)
            binds.append(row.id)
            next += 5
        }
        if announcing, let last = rows.last {
            sql = "WITH inserted AS (\(sql)) SELECT pg_notify($\(next), $\(next + 1))"
            binds.append(StoreSchema.channel)
            binds.append(announcement(upTo: last.seq, incident: incident))
        }
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }

    /// The payload on `StoreSchema.channel`: `SEQ INCIDENT`.
    static func announcement(upTo seq: Int64, incident: String) -> String { "\(seq) \(incident)" }
}
