import Foundation
import TestSupport
import Testing
@testable import IncidentCore

/// The detail view reads an entry's line back by number: the numbers must be the follower's.
@Suite struct FileLineReaderTests {
    /// 10,000 lines (past two of the reader's remembered places), some bad, some blank, one too
    /// long, and an unfinished last line.
    func writeJournal(to path: String) throws -> Int {
        var text = ""
        for number in 1...10_000 {
            switch number {
            case 17: text += "{not json\n"
            case 4096, 4097: text += "\n"
            case 5000: text += String(repeating: "x", count: LineSplitter.maximumLineLength + 10) + "\n"
            default: text += #"{"ts":"2023-06-01T09:00:00Z","kind":"note","text":"line \#(number)"}"# + "\n"
            }
        }
        text += #"{"ts":"2023-06-01T09:00:00Z","kind":"note","text":"half wri"#
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return 10_000
    }

    @Test func everyLineIsTheOneTheFollowerNumbered() throws {
        let folder = TemporaryFolder()
        let path = folder.file("incident.jsonl")
        let count = try writeJournal(to: path)
        var followed: [Int: String] = [:]
        let follower = try FileJournal(path: path).follow()
        repeat {
            for case .record(.event(let event, let line)) in follower.readAvailable() { followed[line] = event.text }
        } while follower.isBehind
        #expect(followed.count == count - 4)

        let reader = try FileLineReader(path: path)
        // Backwards and then forwards, so look-ups start from remembered places and from the top;
        // around each place it remembers, and each odd line.
        let edges = [1, 2, 16, 17, 18, 4095, 4096, 4097, 4098, 4999, 5000, 5001, 8192, 8193, 8194, count, count + 1, count + 2]
        let sample = Array(stride(from: count, to: 0, by: -97)) + edges
        for number in sample {
            #expect(try reader.event(atLine: number)?.text == followed[number], "line \(number)")
        }
        #expect(try reader.event(atLine: 0) == nil)
    }

    @Test func aLineAppendedLaterIsFound() throws {
        let folder = TemporaryFolder()
        let store = FileJournal(path: folder.file("incident.jsonl"))
        try store.append(Event(ts: .now(), kind: .note, actor: "ann", text: "first"))
        let reader = try store.lineReader()
        #expect(try reader.event(atLine: 2) == nil)
        var second = Event(ts: .now(), kind: .note, actor: "bob", text: "second")
        second.logged = second.ts
        try store.append(second)
        let read = try #require(try reader.event(atLine: 2))
        #expect(read.text == "second" && read.actor == "bob" && read.id != nil && read.prev != nil)
    }
}
