import Foundation
import TestSupport
import Testing
@testable import IncidentCore

/// A long journal's first read (`LongJournalStart`) against a plain reading of the same file:
/// every event that is not a sample before the last stretch, then `.partial`, then every line of
/// the stretch, each with its line number, whatever the size of the stretch and wherever the file
/// is cut in two for the two cores.
@Suite struct LongJournalStartTests {
    @Test(arguments: [0, 1, 700, 20_000, 120_000, 10_000_000])
    func theFirstReadIsTheHeadsEventsThenTheWholeTail(tailBytes: Int) throws {
        let folder = TemporaryFolder()
        let path = folder.file("long.jsonl")
        LongJournal.write(to: path, lines: 3_000)
        let file = try Self.opened(path)
        let updates = try #require(LongJournalStart.read(file, threshold: 0, tailBytes: Int64(tailBytes)))
        #expect(Self.describe(updates) == Self.expected(path, tailBytes: tailBytes))
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(file.offset == Int64(size))
        #expect(file.splitter.lineNumber == 3_000)
    }

    @Test func aJournalShorterThanTheThresholdIsLeftToTheUsualRead() throws {
        let folder = TemporaryFolder()
        let path = folder.file("short.jsonl")
        LongJournal.write(to: path, lines: 200)
        let file = try Self.opened(path)
        #expect(LongJournalStart.read(file, threshold: 1 << 30, tailBytes: 100) == nil)
        #expect(file.offset == 0)
    }

    /// A journal of notes would hand over nearly every line at once: the usual read, a chunk at a
    /// time with keys answered in between, takes it.
    @Test func tooManyRecordsToHandOverAtOnceAreLeftToTheUsualRead() throws {
        let folder = TemporaryFolder()
        let path = folder.file("notes.jsonl")
        let note = #"{"ts":"2023-06-01T09:00:00Z","kind":"note","actor":"bob","text":"again"}"#
        try (String(repeating: note + "\n", count: 20_000)).write(toFile: path, atomically: false, encoding: .utf8)
        let file = try Self.opened(path)
        #expect(LongJournalStart.read(file, threshold: 0, tailBytes: 1_000, recordLimit: 5_000) == nil)
        #expect(file.offset == 0)
        #expect(LongJournalStart.read(file, threshold: 0, tailBytes: 1_000, recordLimit: 30_000)?.count == 20_001)
    }

    /// A line still being written stays for the follower, which numbers it on.
    @Test func aHalfWrittenLastLineIsLeftForTheFollower() throws {
        let folder = TemporaryFolder()
        let path = folder.file("long.jsonl")
        let lines = LongJournal.write(to: path, lines: 500)
        folder.append("long.jsonl", #"{"ts":"2023-06-01T12:00:00Z","kind":"note","actor":"eve","te"#)
        let file = try Self.opened(path)
        let updates = try #require(LongJournalStart.read(file, threshold: 0, tailBytes: 5_000))
        guard case .partial(let history)? = updates.first(where: { if case .partial = $0 { true } else { false } }) else {
            Issue.record("no .partial update")
            return
        }
        #expect(history.endLine == 500)
        #expect(history.endOffset == Int64(lines.map { $0.utf8.count + 1 }.reduce(0, +)))
        #expect(file.offset == history.endOffset)
        folder.append("long.jsonl", #"xt":"the rest"}"# + "\n")
        let (next, _) = file.readLines(limit: 1 << 20)
        guard case .record(.event(let event, let line))? = next.first else {
            Issue.record("the finished line did not come: \(next)")
            return
        }
        #expect(line == 501)
        #expect(event.text == "the rest")
    }

    /// A line over the reader's limit is reported by the usual read, which this leaves it to.
    @Test func aLineTooLongIsLeftToTheUsualRead() throws {
        let folder = TemporaryFolder()
        let path = folder.file("long.jsonl")
        let lines = LongJournal.write(to: path, lines: 300)
        let huge = #"{"ts":"2023-06-01T12:00:00Z","kind":"note","text":""# + String(repeating: "x", count: LineSplitter.maximumLineLength) + #""}"#
        try ((lines + [huge] + lines).joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let file = try Self.opened(path)
        #expect(LongJournalStart.read(file, threshold: 0, tailBytes: 1_000) == nil)
        #expect(file.offset == 0)
    }

    @Test func samplesAreToldFromNotesThatQuoteThem() {
        func check(_ line: String) -> Bool { Array(line.utf8).withUnsafeBytes { LongJournalStart.looksLikeSample($0) } }
        #expect(check(#"{"ts":"x","kind":"health","service":"db"}"#))
        #expect(check(#"{"ts":"x","kind":"pool","pool":"primary"}"#))
        #expect(!check(#"{"ts":"x","kind":"note","text":"\"kind\":\"health\""}"#))
        #expect(!check(#"{"ts":"x","kind":"healthy"}"#))
        #expect(!check(#"{"ts":"x","kind":"poo"#))
        #expect(!check(""))
    }

    static func opened(_ path: String) throws -> FollowedFile {
        let file = FollowedFile(path: path)
        file.adopt(try JournalFile.openForReading(path))
        return file
    }

    /// Each update as a line of text: what it is and on which line.
    static func describe(_ updates: [FollowUpdate]) -> [String] {
        updates.map { update in
            switch update {
            case let .record(.event(event, line)): "\(line) \(event.kind.name) \(event.text ?? event.service ?? event.pool ?? "")"
            case let .record(.bad(bad)): "\(bad.line) bad"
            case let .partial(history): "partial from \(history.samplesFromLine) to \(history.endLine) at \(history.endOffset)"
            default: "\(update)"
            }
        }
    }

    /// The same, from a plain reading of the file's lines.
    static func expected(_ path: String, tailBytes: Int) -> [String] {
        let lines = try! String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let size = lines.map { $0.utf8.count + 1 }.reduce(0, +)
        var head: [String] = []
        var tail: [String] = []
        var offset = 0
        var samplesFrom: Int?
        for (index, line) in lines.enumerated() {
            let number = index + 1
            let inTail = offset >= size - tailBytes
            offset += line.utf8.count + 1
            if inTail, samplesFrom == nil { samplesFrom = number }
            switch EventDecoder.decode(Array(line.utf8)) {
            case .success(let event):
                let text = "\(number) \(event.kind.name) \(event.text ?? event.service ?? event.pool ?? "")"
                if inTail { tail.append(text) } else if !event.kind.isSample { head.append(text) }
            case .failure:
                if inTail { tail.append("\(number) bad") }
            }
        }
        return head + ["partial from \(samplesFrom ?? lines.count + 1) to \(lines.count) at \(size)"] + tail
    }
}
