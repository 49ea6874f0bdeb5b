import Foundation
import IncidentCore
import JournalPostgres
import TestSupport
import Testing

/// Append-only is the database's rule, and a change made behind sitrep's back shows in the chain.
@Suite(.enabled(if: StoreLab.shouldRun, StoreLab.skipMessage), .oneAtATime)
struct StoreSafetyTests {
    @Test("a responder appends and reads, but may not UPDATE or DELETE; even the owner's UPDATE is refused")
    func appendOnlyIsTheDatabasesRule() throws {
        let owner = StoreLab.journal()
        try owner.open()  // the schema, with its grants, exists before the responder comes
        let responder = try StoreLab.makeResponder()
        defer { StoreLab.dropRole(responder) }
        let journal = PostgresJournal(address: StoreLab.address(owner.address.incident, user: responder),
                                      connector: StoreConnector(address: StoreLab.address(owner.address.incident, user: responder),
                                                                environment: [:]))
        try journal.open()
        try journal.append(Event(ts: .now(), kind: .note, actor: responder, text: "on it"))
        #expect(try journal.events().map(\.text) == ["on it"])

        let incident = owner.address.incident
        for statement in ["UPDATE sitrep.events SET line = 'x' WHERE incident = '\(incident)'",
                          "DELETE FROM sitrep.events WHERE incident = '\(incident)'"] {
            let error = #expect(throws: StoreLab.Failure.self) { try StoreLab.psql(statement, user: responder) }
            #expect(error?.description.contains("permission denied for table events") == true, "\(String(describing: error))")
        }
        let error = #expect(throws: StoreLab.Failure.self) {
            try StoreLab.psql("UPDATE sitrep.events SET line = 'x' WHERE incident = '\(incident)'")
        }
        #expect(error?.description.contains("sitrep.events is append-only: UPDATE refused") == true, "\(String(describing: error))")
        #expect(try journal.events().map(\.text) == ["on it"])
    }

    @Test("a line changed behind sitrep's back (trigger disabled by a superuser) breaks the chain there")
    func aChangedRowIsCaughtByTheChain() throws {
        let journal = StoreLab.journal()
        for text in ["one", "two", "three"] { try journal.append(Event(ts: .now(), kind: .note, text: text)) }
        #expect(try journal.problemLines().isEmpty)
        // One transaction: no other test in this database ever sees the trigger off.
        try StoreLab.psql("""
            BEGIN;
            ALTER TABLE sitrep.events DISABLE TRIGGER events_append_only;
            UPDATE sitrep.events SET line = convert_to(replace(convert_from(line, 'UTF8'), '"two"', '"TWO"'), 'UTF8')
                WHERE incident = '\(journal.address.incident)' AND seq = 2;
            ALTER TABLE sitrep.events ENABLE TRIGGER events_append_only;
            COMMIT;
            """)
        let lines = try journal.allLines()
        #expect(String(decoding: lines[1], as: UTF8.self).contains("\"TWO\""))
        #expect(try journal.problemLines() == [3])
    }
}
