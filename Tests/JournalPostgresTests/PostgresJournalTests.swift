import Foundation
import IncidentCore
import JournalPostgres
import TestSupport
import Testing

/// The same record as a file: what a store holds, exported, is the file a FileJournal holds.
@Suite(.enabled(if: StoreLab.shouldRun, StoreLab.skipMessage), .oneAtATime)
struct PostgresJournalTests {
    /// Events with their ids and times fixed, so a file and the store write the same bytes.
    static func sampleEvents() -> [Event] {
        let start = Timestamp(microseconds: 1_764_561_600_123_456)
        var events: [Event] = []
        var declare = Event(ts: start, kind: .declare, actor: "alice", text: "checkout is failing")
        declare.severity = "SEV1"
        declare.title = "checkout is failing"
        events.append(declare)
        events.append(Event(ts: start.adding(seconds: 30), kind: .note, actor: "bob", text: "pool at 3/3, «queue» growing \u{1F525}"))
        var status = Event(ts: start.adding(seconds: 60), kind: .status, actor: "alice")
        status.state = "mitigated"
        events.append(status)
        events.append(Event(ts: start.adding(seconds: 90), kind: .other("custom"), actor: "bot", text: "a kind sitrep does not know"))
        for index in events.indices {
            events[index].id = "evt\(index)\(UUID().uuidString.prefix(6).lowercased())"
            events[index].logged = events[index].ts.adding(seconds: 1)
        }
        return events
    }

    /// The detail view reads a line back by the number the follower gave it, as from a file.
    @Test func aLineIsReadBackByItsNumber() throws {
        let journal = StoreLab.journal()
        let events = Self.sampleEvents()
        try journal.appendAll(events)
        var numbered: [(line: Int, event: Event)] = []
        try journal.read { record in
            if case .event(let event, let line) = record { numbered.append((line, event)) }
        }
        #expect(numbered.count == events.count)
        let reader = try journal.lineReader()
        for (line, event) in numbered {
            #expect(try reader.event(atLine: line) == event)
        }
        #expect(try reader.event(atLine: (numbered.last?.line ?? 0) + 1) == nil)
    }

    @Test func whatTheStoreHoldsIsTheFileByteForByte() throws {
        let journal = StoreLab.journal()
        let folder = TemporaryFolder()
        let file = FileJournal(path: folder.file("incident.jsonl"))
        let events = Self.sampleEvents()

        let storeReceipts = [try journal.append(events[0])] + (try journal.appendAll(Array(events[1...])))
        let fileReceipts = [try file.append(events[0])] + (try file.appendAll(Array(events[1...])))
        #expect(storeReceipts == fileReceipts)

        let exported = try journal.allLines().map { $0 + [0x0A] }.joined()
        let written = try Data(contentsOf: URL(fileURLWithPath: file.path))
        #expect(Array(exported) == Array(written))
        #expect(try journal.headHash() == file.headHash())
        #expect(try journal.events() == file.events())
        #expect(try journal.problemLines().isEmpty)
    }

    @Test func anEmptyIncidentHasNoHeadAndNoLines() throws {
        let journal = StoreLab.journal()
        #expect(try journal.headHash() == nil)
        #expect(try journal.exists() == false)
        #expect(try journal.read { _ in } == ReadStatistics())
        try journal.append(Event(ts: .now(), kind: .note, text: "first"))
        #expect(try journal.exists())
    }

    @Test("an append sent again with the same id, after its reply was lost, is not written twice")
    func aRetriedAppendIsWrittenOnce() throws {
        let journal = StoreLab.journal()
        var event = Event(ts: .now(), kind: .note, actor: "carol", text: "restarted the pooler")
        event.id = "retry-\(UUID().uuidString.prefix(8))"
        let first = try journal.append(event)
        try journal.append(Event(ts: .now(), kind: .note, text: "someone else meanwhile"))
        let again = try journal.append(event)
        #expect(again == first)
        let lines = try journal.allLines()
        #expect(lines.count == 2)
        #expect(try journal.problemLines().isEmpty)
    }

    @Test func anEventOverTheLineLimitIsRefusedAndNothingIsWritten() throws {
        let journal = StoreLab.journal()
        let small = Event(ts: .now(), kind: .note, text: "fits")
        let huge = Event(ts: .now(), kind: .note, text: String(repeating: "x", count: FileJournal.lineLimit))
        let error = #expect(throws: JournalError.self) { try journal.appendAll([small, huge]) }
        guard case .eventTooLarge(_, let limit)? = error else {
            Issue.record("expected eventTooLarge, got \(String(describing: error))")
            return
        }
        #expect(limit == FileJournal.lineLimit)
        #expect(try journal.exists() == false)
    }

    @Test("import keeps every byte, a bad line and a line that is not UTF-8 included, and reads them as a file would")
    func importKeepsEveryByte() throws {
        let folder = TemporaryFolder()
        let file = FileJournal(path: folder.file("incident.jsonl"))
        try file.appendAll(Self.sampleEvents())
        let original = Array(try Data(contentsOf: URL(fileURLWithPath: file.path)))
        let originalLines = original.split(separator: 0x0A).map(Array.init)
        var bytes = original
        bytes += Array("{\"ts\": \"not a time\", \"kind\": \"note\"}\n".utf8)
        bytes += [0x7B, 0xFF, 0xFE, 0x22, 0x7D, 0x0A]
        bytes += originalLines[1] + [0x0A]  // copied by hand: its id repeats
        folder.writeBytes("incident.jsonl", bytes)
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map(Array.init)

        let journal = StoreLab.journal()
        #expect(try journal.importLines(lines) == lines.count)
        #expect(try journal.allLines() == lines)
        #expect(try journal.headHash() == file.headHash())

        var storeBad: [String] = []
        var fileBad: [String] = []
        let storeCounts = try journal.read { if case .bad(let bad) = $0 { storeBad.append("\(bad.line): \(bad.reason)") } }
        let fileCounts = try file.read { if case .bad(let bad) = $0 { fileBad.append("\(bad.line): \(bad.reason)") } }
        #expect(storeCounts == fileCounts && storeCounts.badLines == 2)
        #expect(storeBad == fileBad)

        let error = #expect(throws: JournalError.self) { try journal.importLines(lines) }
        guard case .refused(_, let reason)? = error else {
            Issue.record("expected a refusal, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("already has lines"), "\(reason)")
        #expect(try journal.allLines().count == lines.count)
    }

    @Test func theStoreListsItsIncidentsWithTheirMilestones() throws {
        let first = StoreLab.journal("listedFirst")
        let second = StoreLab.journal("listedSecond")
        let events = Self.sampleEvents()
        try first.appendAll(events)
        try second.append(Event(ts: events[0].ts, kind: .note, text: "only a note"))

        let listed = try PostgresJournal.incidents(at: first.address, connector: first.connector)
        let one = try #require(listed.first { $0.name == first.address.incident })
        #expect(one.lineCount == 4)
        #expect(one.milestones.map(\.kind) == [.declare, .status])
        #expect(one.milestones.first?.severity == "SEV1")
        #expect(one.firstTime == events[0].ts && one.lastTime == events[3].ts)
        let other = try #require(listed.first { $0.name == second.address.incident })
        #expect(other.lineCount == 1 && other.milestones.isEmpty)
    }

    @Test("each append is announced on sitrep_events as SEQ INCIDENT, once committed")
    func appendsAreAnnounced() throws {
        let journal = StoreLab.journal()
        let incident = journal.address.incident
        let marker = "listening for \(incident)"
        let listener = Process()
        listener.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        listener.arguments = ["psql", "-X", "-h", StoreLab.host, "-p", String(StoreLab.port), "-U", StoreLab.superuser,
                              "-d", StoreLab.database, "-c", "LISTEN \(StoreSchema.channel)",
                              "-c", "SELECT '\(marker)', pg_sleep(3)"]
        let output = Pipe()
        listener.standardOutput = output
        try listener.run()
        #expect(eventually(seconds: 10) {
            (try? StoreLab.psql("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%\(marker)%' AND pid <> pg_backend_pid()")) == "1"
        })
        try journal.append(Event(ts: .now(), kind: .note, text: "one"))
        try journal.appendAll([Event(ts: .now(), kind: .note, text: "two"), Event(ts: .now(), kind: .note, text: "three")])
        let heard = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        listener.waitUntilExit()
        #expect(heard.contains("payload \"1 \(incident)\""), "\(heard)")
        #expect(heard.contains("payload \"3 \(incident)\""), "\(heard)")
        #expect(!heard.contains("payload \"2 \(incident)\""), "one announcement per append: \(heard)")
    }
}
