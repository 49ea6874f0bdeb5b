import Foundation
import TestSupport
import Testing
@testable import IncidentCore

@Suite(.oneAtATime) struct RecordingCommandTests {
    @Test func everyWritingCommandRecordsTheContractFields() throws {
        let scratch = TemporaryFolder()
        var cli = CLI(folder: scratch.path)
        cli.environment["SITREP_ACTOR"] = "alice"
        try cli.run(["declare", "Web application outage", "--severity", "sev1", "--impact", "All users",
                     "--started", "2023-06-01T09:00:00Z", "--at", "2023-06-01T09:20:00Z"])
        try cli.run(["alert", "p99 above 5 s", "--service", "web", "--level", "critical", "--actor", "monitoring"])
        try cli.run(["note", "looking", "at", "app", "servers"])
        try cli.run(["escalate", "--to", "database administration", "restart did not help", "--actor", "bob"])
        try cli.run(["mitigate", "restart db", "--state", "failed"])
        try cli.run(["mitigate", "raise pool size"])
        try cli.run(["status", "identified"])
        try cli.run(["severity", "SEV2", "--text", "partial recovery"])
        try cli.run(["role", "commander", "carol"])
        try cli.run(["cause", "pool max too small"])
        try cli.run(["task", "alert on pool saturation", "--owner", "bob"])

        let events = try scratch.events()
        #expect(events.map(\.kind) == [.declare, .alert, .note, .escalation, .mitigation, .mitigation, .status,
                                       .severity, .role, .cause, .task])
        #expect(events.map(\.actor) == ["alice", "monitoring", "alice", "bob", "alice", "alice", "alice", "alice",
                                        "alice", "alice", "alice"])
        let declare = events[0]
        #expect(declare.title == "Web application outage" && declare.severity == "SEV1" && declare.impact == "All users")
        #expect(declare.started == RFC3339.parse("2023-06-01T09:00:00Z"))
        #expect(declare.ts == RFC3339.parse("2023-06-01T09:20:00Z"), "--at backdates ts")
        #expect(declare.logged! > RFC3339.parse("2025-01-01T00:00:00Z")!, "logged stays the time of writing")
        #expect(events[1].service == "web" && events[1].level == "critical")
        #expect(events[2].text == "looking at app servers")
        #expect(events[3].to == "database administration" && events[3].text == "restart did not help")
        #expect(events[4].state == "failed" && events[5].state == "applied")
        #expect(events[6].state == "identified")
        #expect(events[7].severity == "SEV2" && events[7].text == "partial recovery")
        #expect(events[8].role == "commander" && events[8].who == "carol")
        #expect(events[10].owner == "bob")
        #expect(events.allSatisfy { $0.id != nil && $0.logged != nil })
        #expect(try cli.run(["verify"]).status == 0)
    }

    @Test func amendCorrectsAnEntryByIdAndKeepsTheOriginal() throws {
        let scratch = TemporaryFolder()
        let cli = CLI(folder: scratch.path)
        let recorded = try cli.run(["note", "restarted db-1", "--actor", "bob"])
        let id = try #require(recorded.stdout.split(separator: " ").dropFirst(2).first.map(String.init))
        let amended = try cli.run(["amend", id, "restarted db-2, not db-1", "--actor", "bob"])
        #expect(amended.status == 0, "\(amended.stderr)")
        let timeline = try cli.run(["timeline"]).stdout
        #expect(timeline.contains("restarted db-2, not db-1  (amended; was: restarted db-1)"))
        #expect(scratch.lines().count == 2, "the original line stays")

        let unknown = try cli.run(["amend", "nosuchid", "text"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no entry with id \"nosuchid\""))
    }

    @Test func aSecondDeclareIsRefusedUnlessAskedForAgain() throws {
        let scratch = TemporaryFolder()
        let cli = CLI(folder: scratch.path)
        #expect(try cli.run(["declare", "Checkout failing", "--severity", "SEV2"]).status == 0)
        let again = try cli.run(["declare", "Web outage", "--severity", "SEV1"])
        #expect(again.status == 1)
        #expect(again.stderr == """
            sitrep: the incident is already declared: "Checkout failing" (SEV2); `sitrep severity SEV` changes the \
            severity, `sitrep declare TITLE --severity SEV --redeclare` replaces the title, severity and impact

            """, "\(again.stderr)")
        #expect(try scratch.events().count == 1, "nothing written")

        let redeclared = try cli.run(["declare", "Web outage", "--severity", "SEV1", "--redeclare"])
        #expect(redeclared.status == 0, "\(redeclared.stderr)")
        let summary = try cli.run(["summary"]).stdout
        #expect(summary.contains("Web outage") && summary.contains("SEV1"), "\(summary)")
    }

    @Test(arguments: [
        (["status", "bogus"], "'bogus' is invalid"),
        (["severity", "SEV9"], "unknown severity \"SEV9\""),
        (["note", "x", "--at", "yesterday"], "not an RFC 3339 time"),
        (["note", "  "], "the text is empty"),
        (["declare", "x"], "Missing expected argument '--severity"),
        (["mitigate", "x", "--state", "done"], "'done' is invalid"),
        (["escalate", "why"], "Missing expected argument '--to"),
    ])
    func wrongArgumentsGiveOneLineErrors(_ arguments: [String], _ message: String) throws {
        let scratch = TemporaryFolder()
        let result = try CLI(folder: scratch.path).run(arguments)
        #expect(result.status == 64, "a usage error")
        #expect(result.stderr.hasPrefix("sitrep: "))
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line, got: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.file("incident.jsonl")), "nothing written")
    }

    @Test func theJournalComesFromTheFlagTheEnvironmentOrTheCurrentFolder() throws {
        let scratch = TemporaryFolder()
        var cli = CLI(folder: scratch.path)
        try cli.run(["note", "default"])
        try cli.run(["note", "flag", "-j", "flag.jsonl"])
        cli.environment["SITREP_JOURNAL"] = scratch.file("env.jsonl")
        try cli.run(["note", "environment"])
        #expect(try scratch.events("incident.jsonl").map(\.text) == ["default"])
        #expect(try scratch.events("flag.jsonl").map(\.text) == ["flag"])
        #expect(try scratch.events("env.jsonl").map(\.text) == ["environment"])
    }

    @Test func aSymbolicLinkOrAReadOnlyJournalIsRefusedClearly() throws {
        let scratch = TemporaryFolder()
        let cli = CLI(folder: scratch.path)
        _ = FileManager.default.createFile(atPath: scratch.file("target.txt"), contents: Data("keep\n".utf8))
        try FileManager.default.createSymbolicLink(atPath: scratch.file("incident.jsonl"), withDestinationPath: scratch.file("target.txt"))
        let linked = try cli.run(["note", "x"])
        #expect(linked.status == 1)
        #expect(linked.stderr.contains("symbolic link"))
        #expect(try String(contentsOfFile: scratch.file("target.txt"), encoding: .utf8) == "keep\n")

        guard getuid() != 0 else { return }  // root writes read-only files regardless
        _ = FileManager.default.createFile(atPath: scratch.file("ro.jsonl"), contents: Data(),
                                       attributes: [.posixPermissions: 0o444])
        let readOnly = try cli.run(["note", "x", "-j", "ro.jsonl"])
        #expect(readOnly.status == 1)
        #expect(readOnly.stderr.contains("Permission denied"))
    }
}
