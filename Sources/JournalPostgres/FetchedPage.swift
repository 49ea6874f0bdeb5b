import IncidentCore
import NIOCore
import PostgresNIO

/// One page of an incident's rows after a `seq`, fetched a thousand rows to a result row (their
/// seqs and their lines, as two arrays). Row by row, a million rows cost the network's thread
/// more than decoding them did: each row a message to parse and a step of the async sequence.
/// Grouped, that thread is free to decode them while the dashboard's thread folds, as a file's
/// read-ahead does. The page's LIMIT keeps the query an index scan, cheap to plan and never
/// compiled (a query over a million rows crosses `jit_above_cost`).
struct FetchedPage {
    static let size = 20_000
    static let groupSize = 1_000

    private(set) var rows: [(seq: Int64, line: ByteBuffer)] = []

    static func query(incident: String, after: Int64) -> PostgresQuery {
        """
        SELECT array_agg(seq), array_agg(line)
        FROM (SELECT seq, line FROM sitrep.events WHERE incident = \(incident) AND seq > \(after)
              ORDER BY seq LIMIT \(Int64(size))) AS page
        GROUP BY (seq - \(after) - 1) / \(Int64(groupSize))
        """
    }

    /// Takes a result row's group. Groups, and rows within one, may come in any order.
    mutating func add(_ group: PostgresRow) throws {
        let (seqs, lines) = try group.decode(([Int64], [ByteBuffer]).self)
        guard seqs.count == lines.count else {
            throw JournalError.readFailed(path: "sitrep.events", reason: "a group of rows came back cut short")
        }
        for index in seqs.indices { rows.append((seqs[index], lines[index])) }
    }

    /// The page in `seq` order, as it was appended.
    mutating func sorted() -> [(seq: Int64, line: ByteBuffer)] {
        if !zip(rows, rows.dropFirst()).allSatisfy({ $0.seq < $1.seq }) { rows.sort { $0.seq < $1.seq } }
        return rows
    }
}
