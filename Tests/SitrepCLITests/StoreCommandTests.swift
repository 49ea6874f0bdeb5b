import Foundation
import TestSupport
import Testing
@testable import IncidentCore

/// Every command on `-j postgresql://...` against the pool lab's real PostgreSQL: what a responder
/// types, and what they would check afterwards.
@Suite(.oneAtATime) struct StoreCommandTests {
    let scratch = TemporaryFolder()
    var cli: CLI { CLI(folder: scratch.path) }

    @Test("recording, reading and verifying an incident in a store, as with a file")
    func commandsWorkOnAStore() throws {
        let url = StoreLab.incident()
        try #require(cli.run(["declare", "Checkout: pool exhausted", "--severity", "SEV1", "-j", url, "--actor", "zoe"]).status == 0)
        try #require(cli.run(["note", "clients queue behind a pool of 3", "-j", url, "--actor", "bob"]).status == 0)
        let escalated = try cli.run(["escalate", "--to", "dba-oncall", "pool too small", "-j", url])
        #expect(escalated.status == 0 && escalated.stdout.contains("in \(url)"), "\(escalated.stderr)")

        let timeline = try cli.run(["timeline", "-j", url])
        #expect(timeline.lines.count == 3 && timeline.lines[1].contains("clients queue behind a pool of 3"), "\(timeline.stdout)")
        let summary = try cli.run(["summary", "--json", "-j", url])
        #expect(summary.stdout.contains(#""title":"Checkout: pool exhausted""#), "\(summary.stdout)")
        let verified = try cli.run(["verify", "-j", url])
        #expect(verified.status == 0 && verified.stdout.contains("3 lines, chain intact"), "\(verified.stdout)\(verified.stderr)")
        #expect(try cli.run(["report", "-j", url]).stdout.contains("Checkout: pool exhausted"))
    }

    @Test("export writes a file verify accepts with the same head; import loads it back byte for byte, bad lines too")
    func exportAndImportKeepEveryByte() throws {
        let url = StoreLab.incident()
        for text in ["first", "second", "third"] { try #require(cli.run(["note", text, "-j", url]).status == 0) }
        let exported = scratch.file("exported.jsonl")
        #expect(try exportTo(exported, from: url) == 0)
        let storeHead = try head(of: url)
        #expect(try head(of: exported) == storeHead && storeHead.count == 64)

        // A file with a bad line and a line that is not UTF-8, appended after sitrep's own lines.
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: exported)))
        bytes += Array("{not json\n".utf8) + [0x7B, 0xFF, 0xFE, 0x7D, 0x0A]
        let original = scratch.writeBytes("original.jsonl", bytes)
        let copy = StoreLab.incident()
        let imported = try cli.run(["import", original, "-j", copy])
        #expect(imported.status == 0 && imported.stdout.contains("imported 5 lines"), "\(imported.stdout)\(imported.stderr)")
        #expect(imported.stderr.contains("original.jsonl:4:"), "the bad line is said: \(imported.stderr)")
        let back = scratch.file("back.jsonl")
        #expect(try exportTo(back, from: copy) == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: back)) == Data(bytes))
        let verified = try cli.run(["verify", "-j", copy])
        #expect(verified.status == 1 && verified.stdout.contains(":4: bad line"), "\(verified.stdout)")

        let again = try cli.run(["import", original, "-j", copy])
        #expect(again.status == 1 && again.stderr.contains("already has lines"), "\(again.stderr)")
    }

    @Test("a row changed behind sitrep's back is caught by verify, naming its line")
    func anEditedRowIsCaught() throws {
        let url = StoreLab.incident()
        for text in ["one", "two", "three"] { try #require(cli.run(["note", text, "-j", url]).status == 0) }
        let name = String(url.split(separator: "#").last!)
        let edited = try StoreLab.psql("""
            ALTER TABLE sitrep.events DISABLE TRIGGER events_append_only;
            UPDATE sitrep.events SET line = convert_to(replace(convert_from(line, 'UTF8'), 'two', 'TWO'), 'UTF8')
                WHERE incident = '\(name)' AND seq = 2;
            ALTER TABLE sitrep.events ENABLE TRIGGER events_append_only;
            """, database: StoreLab.database)
        try #require(edited.isEmpty, "\(edited)")
        let verified = try cli.run(["verify", "-j", url])
        #expect(verified.status == 1)
        #expect(verified.stdout.contains(":3: chain broken"), "\(verified.stdout)")
    }

    @Test("a store that cannot be reached is one line naming it and why, and a non-zero exit, within 5 s")
    func unreachableAtStart() throws {
        let started = ContinuousClock.now
        let result = try #require(try cli.run(["note", "hello", "-j", "postgresql://postgres@127.0.0.1:1/nowhere#x"], within: 10))
        #expect(ContinuousClock.now - started < .seconds(6))
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("127.0.0.1:1") && lines[0].contains("connection refused"), "\(result.stderr)")
    }

    @Test("incidents lists a store's incidents and a folder's journals: title, severity, status")
    func incidentsAreListed() throws {
        let open = StoreLab.incident("open-\(UUID().uuidString.prefix(6))")
        let over = StoreLab.incident("over-\(UUID().uuidString.prefix(6))")
        try #require(cli.run(["declare", "Search slow", "--severity", "SEV3", "-j", open]).status == 0)
        try #require(cli.run(["declare", "Login down", "--severity", "SEV1", "-j", over]).status == 0)
        try #require(cli.run(["status", "resolved", "-j", over]).status == 0)
        let all = try cli.run(["incidents", "-j", StoreLab.store])
        let openLine = try #require(all.lines.first { $0.hasPrefix(String(open.split(separator: "#").last!)) }, "\(all.stdout)")
        #expect(openLine.contains("SEV3") && openLine.contains("investigating") && openLine.contains("Search slow"))
        #expect(all.lines.contains { $0.contains("Login down") && $0.contains("resolved") })
        let onlyOpen = try cli.run(["incidents", "--open", "-j", StoreLab.store])
        #expect(!onlyOpen.stdout.contains("Login down") && onlyOpen.stdout.contains("Search slow"))

        try #require(cli.run(["declare", "Disk full", "--severity", "SEV2", "-j", scratch.file("disk.jsonl")]).status == 0)
        let folder = try cli.run(["incidents", "-j", scratch.path])
        #expect(folder.lines.count == 2 && folder.lines[1].hasPrefix("disk ") && folder.lines[1].contains("Disk full"), "\(folder.stdout)")
    }

    private func exportTo(_ path: String, from url: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = ["export", "-j", url]
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    private func head(of journal: String) throws -> String {
        let verified = try cli.run(["verify", "-j", journal])
        let line = verified.lines.first { $0.hasPrefix("head ") } ?? ""
        return String(line.dropFirst("head ".count))
    }
}
