import Foundation
import TestSupport
import Testing
@testable import IncidentCore

/// Appends on a really full disk: a 64 KiB tmpfs, filled up. Before, a short write() left its
/// bytes: a fragment of a note, or the lines of a batch its caller was told were not written.
@Suite struct FullDiskTests {
    private func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func aNoteThatDoesNotFitLeavesTheJournalAsItWas() throws {
        guard let disk = SmallDisk() else { return }
        let store = FileJournal(path: disk.file("incident.jsonl"))
        let first = try store.append(event("2023-06-01T09:00:00Z", .note, text: "declared"))
        disk.fill()
        let before = try bytes(store.path)

        // Longer than a page, so it needs space the disk no longer has.
        let long = String(repeating: "restarted db-1; ", count: 400)
        #expect(throws: JournalError.self) { try store.append(event("2023-06-01T09:01:00Z", .note, text: long)) }
        #expect(try bytes(store.path) == before)

        disk.free()
        try store.append(event("2023-06-01T09:02:00Z", .note, text: "retried"))
        let (events, bad) = try readAll(store)
        #expect(bad.isEmpty)
        #expect(events.map(\.prev) == [nil, first.hash])
        #expect(try JournalVerifier(path: store.path).verify().isIntact)
    }

    @Test func aBatchThatDoesNotFitLeavesNothingOfIt() throws {
        guard let disk = SmallDisk() else { return }
        let store = FileJournal(path: disk.file("incident.jsonl"))
        let first = try store.append(event("2023-06-01T09:00:00Z", .note, text: "declared"))
        disk.fill()
        let before = try bytes(store.path)

        let batch = (1...40).map { event("2023-06-01T09:01:00Z", .alert, text: "alert \($0) of a storm of forty") }
        #expect(throws: JournalError.self) { try store.appendAll(batch) }
        #expect(try bytes(store.path) == before, "part of the batch stayed in the journal")

        disk.free()
        let retried = try store.appendAll(batch)
        let (events, bad) = try readAll(store)
        #expect(bad.isEmpty)
        #expect(events.count == 41, "a retry duplicates nothing")
        #expect(events[1].prev == first.hash)
        #expect(try store.headHash() == retried.last?.hash)
        #expect(try JournalVerifier(path: store.path).verify().isIntact)
    }
}

/// A 64 KiB tmpfs of the test's own, unmounted when done. Nil, with the reason printed, where
/// the test may not mount one (CI runs as root; a developer's machine may not).
final class SmallDisk {
    let path = NSTemporaryDirectory() + "sitrep-disk-" + UUID().uuidString
    private var filler: String { path + "/filler" }

    init?() {
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        guard mount("tmpfs", path, "tmpfs", 0, "size=64k") == 0 else {
            print("skipped: cannot mount a tmpfs at \(path): \(String(cString: strerror(errno)))")
            rmdir(path)
            return nil
        }
    }

    deinit {
        umount2(path, Int32(MNT_DETACH))
        rmdir(path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// Takes every page still free.
    func fill() {
        let fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        defer { close(fd) }
        let page = [UInt8](repeating: 0x2E, count: 4096)
        while page.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
    }

    func free() { unlink(filler) }
}
