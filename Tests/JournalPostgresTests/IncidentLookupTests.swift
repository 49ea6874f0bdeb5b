import Foundation
import IncidentCore
@testable import JournalPostgres
import PostgresNIO
import TestSupport
import Testing

/// An incident the table's statistics know nothing of (new, or imported since they were taken) is
/// guessed at one row. The lookups run on every append, page of a follower and Enter must still
/// read only the rows they return, not walk the whole incident: asked of PostgreSQL's own plans.
@Suite(.enabled(if: StoreLab.shouldRun, StoreLab.skipMessage), .oneAtATime)
struct IncidentLookupTests {
    /// Enough that walking them shows beside the hundred rows a page returns; few enough that the
    /// import does not hold up PostgreSQL for the other suites running meanwhile.
    static let rows = 5_000

    @Test("on an incident the statistics do not know, each lookup reads only the rows it returns")
    func lookupsReadOnlyWhatTheyReturn() throws {
        let database = StoreLab.freshDatabase()
        let known = StoreLab.journal(database: database)
        try known.append(Event(ts: .now(), kind: .note, text: "an incident the statistics know"))
        // Statistics that know only that incident, and no autovacuum to refresh them under the test.
        try StoreLab.psql("ALTER TABLE sitrep.events SET (autovacuum_enabled = false)", database: database)
        try StoreLab.psql("ANALYZE sitrep.events", database: database)
        let big = StoreLab.journal(database: database)
        let ids = (1...Self.rows).map { "note-\($0)" }
        _ = try big.importLines(ids.map { Array(#"{"ts":"2026-12-01T10:00:00Z","kind":"note","id":"\#($0)","text":"x"}"#.utf8) })
        let incident = big.incident

        #expect(try Self.rowsRead(FetchedPage.query(incident: incident, after: Int64(Self.rows - 100)), on: big) <= 100)
        #expect(try Self.rowsRead(IncidentLookups.lastLine(incident: incident), on: big) <= 1)
        #expect(try Self.rowsRead(IncidentLookups.line(incident: incident, seq: 2_500), on: big) <= 1)
        #expect(try Self.rowsRead(IncidentLookups.appendTail(incident: incident, ids: ["note-10", "new"]), on: big) <= 2)
        // And they answer: an append after the import chains to its last line.
        let receipt = try big.append(Event(ts: .now(), kind: .note, text: "after the import"))
        #expect(receipt.line.contains(#""prev":"#))
        #expect(try StoreLab.psql("SELECT max(seq) FROM sitrep.events WHERE incident = '\(incident)'", database: database)
                == "\(Self.rows + 1)")
    }

    /// Rows the plan's scans of the table produced or filtered out, over all their loops: what
    /// `query` read of it.
    static func rowsRead(_ query: PostgresQuery, on journal: PostgresJournal) throws -> Int {
        let explain = PostgresQuery(unsafeSQL: "EXPLAIN (ANALYZE, FORMAT JSON) " + query.sql, binds: query.binds)
        let json = try journal.session.run { connection in try await connection.value(explain, as: String.self) }
        let plans = try JSONSerialization.jsonObject(with: Data((json ?? "[]").utf8)) as? [[String: Any]]
        return (plans ?? []).reduce(0) { $0 + rowsRead(($1["Plan"] as? [String: Any]) ?? [:]) }
    }

    private static func rowsRead(_ node: [String: Any]) -> Int {
        let children = (node["Plans"] as? [[String: Any]] ?? []).reduce(0) { $0 + rowsRead($1) }
        guard node["Relation Name"] as? String == "events" else { return children }  // a scan of the table
        // Whole numbers up to PostgreSQL 17, fractions (per loop) from 18.
        func figure(_ key: String) -> Double { (node[key] as? NSNumber)?.doubleValue ?? 0 }
        let read = (figure("Actual Rows") + figure("Rows Removed by Filter")) * max(1, figure("Actual Loops"))
        return children + Int(read.rounded())
    }
}
