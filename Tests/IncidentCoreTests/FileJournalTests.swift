import Foundation
import TestSupport
import Testing
@testable import IncidentCore

@Suite struct FileJournalTests {
    @Test func aReadThatFailsPartwayLeavesNoThreadBehind() throws {
        let folder = TemporaryFolder()
        func threads() -> Int { (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count) ?? 0 }
        let before = threads()
        // A folder opens but cannot be read: the read fails after the decoder has started.
        for _ in 0..<40 {
            #expect(throws: JournalError.self) { try FileJournal(path: folder.path).read { _ in } }
        }
        // Other suites may start a thread or two meanwhile; 40 leaked helpers would be 40.
        #expect(threads() - before < 20, "threads before \(before), after \(threads())")
    }

    @Test func appendsChainedLinesWithIdsAndLoggedTimes() throws {
        let folder = TemporaryFolder()
        let store = FileJournal(path: folder.file("incident.jsonl"))
        let first = try store.append(event("2023-06-01T09:00:00Z", .declare) { $0.title = "Outage"; $0.severity = "SEV1" })
        let second = try store.append(event("2023-06-01T09:05:00Z", .note, text: "looking"))

        let lines = folder.lines("incident.jsonl")
        #expect(lines.count == 2)
        #expect(first.hash == ChainHash.of(Array(lines[0].utf8)))
        let (events, bad) = try readAll(store)
        #expect(bad.isEmpty)
        #expect(events[0].prev == nil)
        #expect(events[1].prev == first.hash)
        #expect(events.map(\.id) == [first.id, second.id])
        #expect(events.allSatisfy { $0.logged != nil })
        #expect(try store.headHash() == second.hash)
    }

    @Test func aBatchIsChainedLineByLineAndVerifies() throws {
        let folder = TemporaryFolder()
        let store = FileJournal(path: folder.file("incident.jsonl"))
        let first = try store.append(event("2023-06-01T09:00:00Z", .note, text: "before"))
        let batch = try store.appendAll((1...3).map { event("2023-06-01T09:0\($0):00Z", .note, text: "sample \($0)") })
        #expect(batch.count == 3)
        let (events, bad) = try readAll(store)
        #expect(bad.isEmpty)
        #expect(events.map(\.text) == ["before", "sample 1", "sample 2", "sample 3"])
        #expect(events.map(\.prev) == [nil, first.hash, batch[0].hash, batch[1].hash])
        #expect(try store.headHash() == batch[2].hash)
        #expect(try JournalVerifier(path: store.path).verify().isIntact)
    }

    @Test func aBatchWithOneOversizedEventWritesNothing() throws {
        let folder = TemporaryFolder()
        let path = folder.write("incident.jsonl", "")
        let huge = String(repeating: "x", count: FileJournal.lineLimit)
        #expect(throws: JournalError.self) {
            try FileJournal(path: path).appendAll([
                event("2023-06-01T09:00:00Z", .note, text: "fine"),
                event("2023-06-01T09:00:01Z", .note, text: huge),
            ])
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
    }

    @Test func aNewJournalHasNoWorldAccess() throws {
        let folder = TemporaryFolder()
        let path = folder.file("incident.jsonl")
        try FileJournal(path: path).append(event("2023-06-01T09:00:00Z", .note, text: "x"))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! Int
        #expect(mode & 0o007 == 0, "mode \(String(mode, radix: 8))")
    }

    @Test func refusesToWriteThroughASymbolicLink() throws {
        let folder = TemporaryFolder()
        let victim = folder.write("victim.txt", "precious\n")
        let link = folder.file("incident.jsonl")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
        #expect(throws: JournalError.symbolicLink(path: link)) {
            try FileJournal(path: link).append(event("2023-06-01T09:00:00Z", .note, text: "x"))
        }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")

        let dangling = folder.file("dangling.jsonl")
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: folder.file("created-by-attacker"))
        #expect(throws: JournalError.symbolicLink(path: dangling)) {
            try FileJournal(path: dangling).append(event("2023-06-01T09:00:00Z", .note, text: "x"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("created-by-attacker")))
    }

    @Test func refusesAnOversizedEventAndWritesNothing() throws {
        let folder = TemporaryFolder()
        let path = folder.write("incident.jsonl", "")
        let store = FileJournal(path: path)
        let huge = String(repeating: "x", count: FileJournal.lineLimit)
        #expect {
            try store.append(event("2023-06-01T09:00:00Z", .note, text: huge))
        } throws: { error in
            guard case .eventTooLarge(let bytes, let limit)? = error as? JournalError else { return false }
            return bytes > limit && limit == 65_536
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)

        // Just under the limit is accepted, whole.
        let near = String(repeating: "y", count: FileJournal.lineLimit - 300)
        try store.append(event("2023-06-01T09:00:00Z", .note, text: near))
        #expect(try readAll(store).events.first?.text == near)
    }

    @Test func aTornLastLineIsEndedKeptAndChainedTo() throws {
        let folder = TemporaryFolder()
        let store = FileJournal(path: folder.file("incident.jsonl"))
        try store.append(event("2023-06-01T09:00:00Z", .note, text: "first"))
        let torn = #"{"ts":"2023-06-01T09:01:00Z","kind":"note","text":"half wri"#
        folder.append("incident.jsonl", torn)

        let receipt = try store.append(event("2023-06-01T09:02:00Z", .note, text: "after the tear"))
        let lines = folder.lines("incident.jsonl")
        #expect(lines.count == 3)
        #expect(lines[1] == torn, "the torn line stays, byte for byte")
        let (events, bad) = try readAll(store)
        #expect(events.map(\.text) == ["first", "after the tear"])
        #expect(bad.map(\.line) == [2])
        #expect(events[1].prev == ChainHash.of(Array(torn.utf8)))
        #expect(receipt.hash == ChainHash.of(Array(lines[2].utf8)))
    }

    @Test func readsOtherToolsLinesAndReportsBadOnesByLine() throws {
        let folder = TemporaryFolder()
        var bytes = Array("""
            {"ts":"2023-06-01T09:00:00Z","kind":"declare","title":"Outage","severity":"SEV1"}
            not json at all
            {"ts":"2023-06-01T09:15:00Z","kind":"alert","text":"p99 high","extra_field":{"a":1}}
            {"kind":"note","text":"no time"}

            {"ts":"2023-06-01T09:20:00Z","kind":"wibble","text":"unknown kind"}

            """.utf8)
        bytes += [0xFF, 0xFE, 0x0A]  // line 7: invalid UTF-8
        bytes += Array(#"{"ts":"2023-06-01T09:30:00Z","kind":"note","text":"#.utf8)
        bytes += Array(repeating: UInt8(ascii: "z"), count: 10 * 1024 * 1024)  // line 8: a 10 MB line
        bytes += Array("\"}\n".utf8)
        bytes += Array(#"{"ts":"2023-06-01T09:40:00Z","kind":"note","text":"still read"}"#.utf8) + [0x0A]
        let path = folder.writeBytes("mixed.jsonl", bytes)

        let (events, bad) = try readAll(FileJournal(path: path))
        #expect(events.map(\.kind) == [.declare, .alert, .other("wibble"), .note])
        #expect(events.last?.text == "still read")
        #expect(bad.map(\.line) == [2, 4, 5, 7, 8])
        #expect(bad.allSatisfy { $0.description.hasPrefix(path + ":") })
        #expect(bad[3].reason == "not valid UTF-8")
        #expect(bad[4].reason.contains("over the reader's"))
    }

    @Test func anUnfinishedLastLineIsReportedNotUsed() throws {
        let folder = TemporaryFolder()
        let path = folder.write("incident.jsonl", """
            {"ts":"2023-06-01T09:00:00Z","kind":"note","text":"done"}
            {"ts":"2023-06-01T09:01:00Z","kind":"note","text":"still being writ
            """)
        let (events, bad) = try readAll(FileJournal(path: path))
        #expect(events.count == 1)
        #expect(bad.map(\.line) == [2])
        #expect(bad[0].reason.contains("unfinished"))
    }

    @Test func readsLargeJournalsInOrderAcrossBatches() throws {
        let folder = TemporaryFolder()
        var text = ""
        for index in 0..<40_000 {
            text += #"{"ts":"2023-06-01T09:00:00Z","kind":"note","text":"n\#(index)"}"# + "\n"
            if index == 20_000 { text += "garbage\n" }
        }
        let path = folder.write("big.jsonl", text)
        var seen: [String] = []
        var lineNumbers: [Int] = []
        var badLines: [Int] = []
        let statistics = try FileJournal(path: path).read { record in
            switch record {
            case let .event(event, line): seen.append(event.text!); lineNumbers.append(line)
            case .bad(let bad): badLines.append(bad.line)
            }
        }
        #expect(seen == (0..<40_000).map { "n\($0)" })
        #expect(lineNumbers == Array(1...20_001) + Array(20_003...40_001))
        #expect(badLines == [20_002])
        #expect(statistics.events == 40_000 && statistics.badLines == 1 && statistics.lines == 40_001)
    }

    /// Another program's very long last line: the next append hashes it in bounded pieces and
    /// still chains to exactly its bytes (and headHash agrees).
    @Test func anAppendAfterAThreeMebibyteLastLineChainsToIt() throws {
        let folder = TemporaryFolder()
        let long = #"{"ts":"2023-06-01T09:00:00Z","kind":"note","text":""# + String(repeating: "0123456789", count: 300_000) + #""}"#
        let path = folder.write("incident.jsonl", "{}\n" + long + "\n")
        let store = FileJournal(path: path)
        #expect(try store.headHash() == ChainHash.of(Array(long.utf8)))
        try store.append(event("2023-06-01T09:01:00Z", .note, text: "after"))
        let (events, _) = try readAll(store)
        #expect(events.last?.prev == ChainHash.of(Array(long.utf8)))
    }
}
