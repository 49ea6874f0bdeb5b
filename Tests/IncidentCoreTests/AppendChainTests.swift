import Foundation
import TestSupport
import Testing
@testable import IncidentCore

/// An append hashes the line it chains to from the file's last few KiB when the line fits there,
/// and from the file a chunk at a time when it does not (FileJournal.tailLength). Either way the
/// new event's `prev` is the hash of exactly the last line's bytes, as `headHash` reads it.
@Suite struct AppendChainTests {
    static let tail = Int(FileJournal.tailLength)

    /// `prev` is what `sha256sum` prints for the line's bytes, so any tool can check the chain.
    @Test func theChainHashIsSHA256InLowercaseHex() {
        #expect(ChainHash.of([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(ChainHash.of(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// Last lines (another program's, so any bytes) around the length read at once, ended with a newline.
    @Test(arguments: [0, 1, 200, tail - 2, tail - 1, tail, tail + 1, 3 * tail])
    func anAppendChainsToAFinishedLastLineOfAnyLength(_ length: Int) throws {
        let folder = TemporaryFolder()
        let last = String(repeating: "x", count: length)
        let path = folder.write("incident.jsonl", "{}\n" + last + "\n")
        let store = FileJournal(path: path)
        let head = try store.headHash()
        try store.append(event("2023-06-01T09:01:00Z", .note, text: "after"))

        #expect(head == ChainHash.of(Array(last.utf8)))
        #expect(try readAll(store).events.last?.prev == head)
        let lines = folder.lines("incident.jsonl")
        #expect(lines.count == 3 && lines[0] == "{}" && lines[1] == last)
    }

    /// An unfinished last line is ended with a newline, kept, and chained to, whatever its length.
    @Test(arguments: [1, tail - 2, tail - 1, tail, tail + 1, 3 * tail])
    func anAppendChainsToAnUnfinishedLastLineOfAnyLength(_ length: Int) throws {
        let folder = TemporaryFolder()
        let torn = String(repeating: "y", count: length)
        let path = folder.write("incident.jsonl", "{}\n" + torn)
        let store = FileJournal(path: path)
        try store.append(event("2023-06-01T09:01:00Z", .note, text: "after"))

        let lines = folder.lines("incident.jsonl")
        #expect(lines.count == 3 && lines[1] == torn)
        #expect(try readAll(store).events.last?.prev == ChainHash.of(Array(torn.utf8)))
    }

    /// A file of one line, no newline before it: the line starts at the file's first byte.
    @Test(arguments: [1, tail - 1, tail, tail + 1])
    func anAppendChainsToTheOnlyLine(_ length: Int) throws {
        let folder = TemporaryFolder()
        let only = String(repeating: "z", count: length)
        for ending in ["\n", ""] {
            let path = folder.write("incident-\(ending.isEmpty ? "torn" : "ended").jsonl", only + ending)
            let store = FileJournal(path: path)
            try store.append(event("2023-06-01T09:01:00Z", .note, text: "after"))
            #expect(try readAll(store).events.last?.prev == ChainHash.of(Array(only.utf8)), "ending \(ending.debugDescription)")
        }
    }

    /// sitrep's own lines: each append chains to the one before, and the chain verifies.
    @Test func appendsOfLinesNearTheTailsLengthVerify() throws {
        let folder = TemporaryFolder()
        let store = FileJournal(path: folder.file("incident.jsonl"))
        var previous: String?
        for length in [10, Self.tail - 150, Self.tail, 2 * Self.tail, 5] {
            let receipt = try store.append(event("2023-06-01T09:01:00Z", .note, text: String(repeating: "w", count: length)))
            #expect(try readAll(store).events.last?.prev == previous)
            previous = receipt.hash
        }
        #expect(try JournalVerifier(path: store.path).verify().isIntact)
    }
}
