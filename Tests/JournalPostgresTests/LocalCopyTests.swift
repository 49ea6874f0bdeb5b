import Foundation
import IncidentCore
import JournalPostgres
import TestSupport
import Testing

/// The copy of an incident a dashboard keeps on its own host, for when the store is down.
@Suite(.enabled(if: StoreLab.shouldRun, StoreLab.skipMessage), .oneAtATime)
struct LocalCopyTests {
    @Test("refresh writes what export writes, and a file reader finds the same head")
    func aRefreshedCopyIsTheExport() throws {
        let store = StoreLab.journal()
        try store.appendAll(PostgresJournalTests.sampleEvents())
        let folder = TemporaryFolder()
        let copy = LocalCopy(of: store.address, environment: ["XDG_STATE_HOME": folder.path])
        #expect(copy.path.hasPrefix(folder.path + "/sitrep/copies/"))
        #expect(try copy.refresh(from: store) == 4)
        var exported: [UInt8] = []
        try store.readLines { _, bytes in exported += bytes + [0x0A] }
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: copy.path))) == exported)
        #expect(try FileJournal(path: copy.path).headHash() == store.headHash())
    }

    @Test("names from the address cannot climb out of the copies folder")
    func namesAreKeptInsideTheFolder() throws {
        let address = try PostgresAddress.parse("postgresql://eve@db/incidents#../../etc/passwd", environment: [:])
        let copy = LocalCopy(of: address, environment: ["XDG_STATE_HOME": "/state"])
        let folder = "/state/sitrep/copies/eve@db_5432_incidents/"
        #expect(copy.path.hasPrefix(folder), "\(copy.path)")
        let name = copy.path.dropFirst(folder.count)
        #expect(!name.contains("/") && !name.hasPrefix("."), "\(name)")
        #expect(name.hasSuffix("etc%2Fpasswd.jsonl"), "the name stays recognisable: \(name)")
    }

    @Test("a writer builds the new copy beside the old one, which it replaces only once caught up")
    func theOldCopyStaysUntilCaughtUp() throws {
        let folder = TemporaryFolder()
        let address = try PostgresAddress.parse("postgresql://zoe@db/incidents#checkout", environment: [:])
        let copy = LocalCopy(of: address, environment: ["XDG_STATE_HOME": folder.path])
        try FileManager.default.createDirectory(atPath: (copy.path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: copy.path))
        let writer = try LocalCopyWriter(copy: copy)
        writer.append([Array("one".utf8), Array("two".utf8)])
        #expect(try String(contentsOfFile: copy.path, encoding: .utf8) == "old\n")
        writer.caughtUp()
        writer.append([Array("three".utf8)])
        #expect(try String(contentsOfFile: copy.path, encoding: .utf8) == "one\ntwo\nthree\n")
        #expect(writer.failure == nil)
    }

    @Test("a copy that cannot be made is said, and following goes on without it")
    func noCopyDoesNotStopFollowing() throws {
        let store = StoreLab.journal()
        try store.appendAll(PostgresJournalTests.sampleEvents())
        let folder = TemporaryFolder()
        let notAFolder = folder.write("state", "a file where the state folder should be")
        let follower = try store.follow(keepingCopy: LocalCopy(of: store.address, environment: ["XDG_STATE_HOME": notAFolder]))
        var updates: [FollowUpdate] = []
        #expect(eventually(seconds: 10) {
            updates += follower.readAvailable()
            return updates.filter { if case .record = $0 { true } else { false } }.count == 4
        })
        guard case .warning(let said)? = updates.first else {
            Issue.record("the first update is not a warning: \(updates.first.map { "\($0)" } ?? "none")")
            return
        }
        #expect(said.hasPrefix("no local copy of this incident is kept on this host"), "\(said)")
    }
}
