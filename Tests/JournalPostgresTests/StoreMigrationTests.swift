import Foundation
import IncidentCore
@testable import JournalPostgres
import TestSupport
import Testing

/// A store made by an older sitrep: its owner's first call migrates it, whole, keeping every row;
/// a responder may not, and is told who can.
@Suite(.enabled(if: StoreLab.shouldRun, StoreLab.skipMessage), .oneAtATime)
struct StoreMigrationTests {
    /// A database holding a version 1 store, as sitrep 1 made it, with one incident of two lines.
    static func versionOneStore() throws -> (database: String, lines: [String]) {
        let database = StoreLab.freshDatabase()
        try StoreLab.psql(StoreSchema.createVersion1.joined(separator: ";\n"), database: database)
        let lines = [#"{"ts":"2026-12-01T10:00:00Z","kind":"note","id":"n1","text":"before the upgrade"}"#,
                     #"{"ts":"2026-12-01T10:01:00Z","kind":"note","id":"n2","text":"still before"}"#]
        for (index, line) in lines.enumerated() {
            try StoreLab.psql("""
                INSERT INTO sitrep.events (incident, seq, line, kind, ts, id)
                VALUES ('old', \(index + 1), convert_to('\(line)', 'UTF8'), 'note', now(), 'n\(index + 1)')
                """, database: database)
        }
        return (database, lines)
    }

    @Test("the owner's first call migrates a version 1 store and keeps its rows")
    func theOwnerMigratesAVersionOneStore() throws {
        let (database, lines) = try Self.versionOneStore()
        let address = StoreLab.address("old", database: database)
        let journal = PostgresJournal(address: address, connector: StoreConnector(address: address, environment: [:]))
        let receipt = try journal.append(Event(ts: .now(), kind: .note, text: "after the upgrade"))

        #expect(try StoreLab.psql("SELECT value FROM sitrep.meta WHERE key = 'schema_version'", database: database) == "2")
        #expect(try StoreLab.psql("SELECT indexdef FROM pg_indexes WHERE indexname = 'events_id'", database: database)
                .hasSuffix("(id, incident)"))
        var read: [String] = []
        try journal.readLines { _, bytes in read.append(String(decoding: bytes, as: UTF8.self)) }
        #expect(Array(read.prefix(2)) == lines)
        #expect(read.count == 3 && receipt.line.contains(ChainHash.of(Array(lines[1].utf8))), "chained to the last old line")
    }

    @Test("a responder may not migrate a version 1 store, is told the owner must, and changes nothing")
    func aResponderIsToldTheOwnerMustMigrate() throws {
        let (database, _) = try Self.versionOneStore()
        let responder = try StoreLab.makeResponder()
        defer { StoreLab.dropRole(responder) }
        let address = StoreLab.address("old", user: responder, database: database)
        let journal = PostgresJournal(address: address, connector: StoreConnector(address: address, environment: [:]))
        #expect(throws: JournalError.refused(location: address.description,
                                             reason: "the store's schema is an older version and role \(responder) may not migrate it: "
                                                 + "the store's owner must run this sitrep on it once first")) {
            try journal.open()
        }
        #expect(try StoreLab.psql("SELECT value FROM sitrep.meta WHERE key = 'schema_version'", database: database) == "1")
        #expect(try StoreLab.psql("SELECT count(*) FROM sitrep.events", database: database) == "2")
    }
}
