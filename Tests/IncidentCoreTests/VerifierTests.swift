import Foundation
import TestSupport
import Testing
@testable import IncidentCore

@Suite struct VerifierTests {
    func journal(_ folder: TemporaryFolder, count: Int = 4) throws -> String {
        let path = folder.file("incident.jsonl")
        let store = FileJournal(path: path)
        for index in 0..<count {
            try store.append(event("2023-06-01T09:0\(index):00Z", .note, text: "entry \(index)"))
        }
        return path
    }

    @Test func anIntactJournalVerifies() throws {
        let folder = TemporaryFolder()
        let path = try journal(folder)
        let report = try JournalVerifier(path: path).verify()
        #expect(report.isIntact)
        #expect(report.lines == 4)
        #expect(report.head == ChainHash.of(Array(folder.lines("incident.jsonl")[3].utf8)))
    }

    @Test func anEditedLineBreaksTheChainAtTheNextLine() throws {
        let folder = TemporaryFolder()
        let path = try journal(folder)
        var lines = folder.lines("incident.jsonl")
        lines[1] = lines[1].replacingOccurrences(of: "entry 1", with: "entry X")
        _ = folder.write("incident.jsonl", lines.joined(separator: "\n") + "\n")
        let report = try JournalVerifier(path: path).verify()
        #expect(report.problems.map(\.line) == [3])
        #expect(report.problems[0].reason.contains("chain broken"))
    }

    @Test func aRemovedLineBreaksTheChain() throws {
        let folder = TemporaryFolder()
        let path = try journal(folder)
        var lines = folder.lines("incident.jsonl")
        lines.remove(at: 2)
        _ = folder.write("incident.jsonl", lines.joined(separator: "\n") + "\n")
        #expect(try JournalVerifier(path: path).verify().problems.map(\.line) == [3])
    }

    @Test func linesFromOutsideTheChainAndACutStartAreReported() throws {
        let folder = TemporaryFolder()
        let path = try journal(folder)
        var lines = folder.lines("incident.jsonl")
        lines.removeFirst()
        lines.append(#"{"ts":"2023-06-01T10:00:00Z","kind":"note","text":"by jq"}"#)
        _ = folder.write("incident.jsonl", lines.joined(separator: "\n") + "\n")
        let problems = try JournalVerifier(path: path).verify().problems
        #expect(problems.map(\.line) == [1, 4])
        #expect(problems[0].reason.contains("first line has \"prev\""))
        #expect(problems[1].reason.contains("without \"prev\""))
    }

    @Test func theExpectedHeadDetectsAJournalCutShort() throws {
        let folder = TemporaryFolder()
        let path = try journal(folder)
        let head = try JournalVerifier(path: path).verify().head!

        // Growth since is fine.
        try FileJournal(path: path).append(event("2023-06-01T09:30:00Z", .note, text: "later"))
        let grown = try JournalVerifier(path: path).verify(expectHead: head)
        #expect(grown.isIntact)
        #expect(grown.expectedHeadLine == 4)

        // Cutting the tail leaves a chain that verifies on its own, but not against the head.
        let lines = folder.lines("incident.jsonl")
        _ = folder.write("incident.jsonl", lines.prefix(2).joined(separator: "\n") + "\n")
        #expect(try JournalVerifier(path: path).verify().isIntact)
        let cut = try JournalVerifier(path: path).verify(expectHead: String(head.prefix(16)))
        #expect(!cut.isIntact)
        #expect(cut.problems.last?.reason.contains("cut short") == true)
    }

    @Test func repeatedIdsAreReported() throws {
        let folder = TemporaryFolder()
        let path = folder.file("incident.jsonl")
        let store = FileJournal(path: path)
        try store.append(event("2023-06-01T09:00:00Z", .note, text: "a") { $0.id = "same" })
        try store.append(event("2023-06-01T09:01:00Z", .note, text: "b") { $0.id = "same" })
        let problems = try JournalVerifier(path: path).verify().problems
        #expect(problems.count == 1)
        #expect(problems[0].reason.contains("already used on line 1"))
    }

    /// A line over the reader's 1 MiB limit is a problem of its own, but it still has a hash:
    /// the line after it chains to it and must be checked, not waved through as uncheckable.
    @Test func theLineAfterALineOverOneMebibyteIsChecked() throws {
        let folder = TemporaryFolder()
        let path = try journal(folder, count: 1)
        let long = #"{"ts":"2023-06-01T09:01:00Z","kind":"note","text":""# + String(repeating: "x", count: 3 << 19) + #""}"#
        folder.append("incident.jsonl", long + "\n")
        let store = FileJournal(path: path)
        let after = try store.append(event("2023-06-01T09:02:00Z", .note, text: "after the long line"))
        var report = try JournalVerifier(path: path).verify()
        #expect(report.problems.map(\.line) == [2], "\(report.problems)")
        #expect(report.head == after.hash)

        let lines = folder.lines("incident.jsonl")
        _ = folder.write("incident.jsonl", [lines[0], long + "!", lines[2]].joined(separator: "\n") + "\n")
        report = try JournalVerifier(path: path).verify()
        #expect(report.problems.map(\.line) == [2, 3], "\(report.problems)")
        #expect(report.problems.last?.reason.contains("chain broken") == true, "\(report.problems)")
    }
}
