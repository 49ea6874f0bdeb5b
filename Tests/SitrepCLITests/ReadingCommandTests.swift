import Foundation
import TestSupport
import Testing
@testable import IncidentCore

@Suite(.oneAtATime) struct ReadingCommandTests {
    @Test func timelineEscapesHostileTextAndReportsBadLinesByPlace() throws {
        let scratch = TemporaryFolder()
        let journal = """
            {"ts":"2023-06-01T09:00:00Z","kind":"note","actor":"eve","text":"\\u001b[2J\\u001b]0;owned\\u0007 clear\\r\\u202eevil"}
            {"ts":"2023-06-01T09:01:00Z","kind":"note"
            {"ts":"2023-06-01T09:02:00Z","kind":"custom","text":"from another tool","x":1}

            """
        _ = FileManager.default.createFile(atPath: scratch.file("incident.jsonl"), contents: Data(journal.utf8))
        let result = try CLI(folder: scratch.path).run(["timeline"])
        #expect(result.status == 0)
        #expect(result.lines == [
            #"2023-06-01 09:00:00Z  eve           note        \e[2J\e]0;owned\x07 clear\r\u{202E}evil"#,
            "2023-06-01 09:02:00Z  -             custom      from another tool",
        ])
        #expect(!result.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x0D || $0.value == 0x202E })
        #expect(result.stderr == "incident.jsonl:2: not a JSON object: expected ',' or '}' in object at byte 43\n")
    }

    @Test func followingPrintsNewEntriesAsTheyArrive() throws {
        let scratch = TemporaryFolder()
        let cli = CLI(folder: scratch.path)
        try cli.run(["note", "before", "--at", "2023-06-01T09:00:00Z"])
        let running = try cli.launch(["timeline", "-f"])
        let follower = running.process
        let output = running.output
        defer { stop(follower) }

        #expect(output.waitFor("before", seconds: 5))
        try cli.run(["note", "from another shell", "--actor", "bob"])
        #expect(output.waitFor("from another shell", seconds: 2), "got: \(output.text)")
        #expect(output.text.contains("bob"))
        follower.terminate()
        #expect(eventually(seconds: 2, every: 0.01) { !follower.isRunning },
                "SIGTERM stops a follower even when started with signals blocked")
    }

    @Test func summaryForPeopleAndForScripts() throws {
        let scratch = TemporaryFolder()
        let cli = CLI(folder: scratch.path)
        try cli.run(["declare", "Checkout failing", "--severity", "SEV2", "--at", "2023-06-01T09:00:00Z", "--actor", "alice"])
        try cli.run(["status", "resolved", "--at", "2023-06-01T10:30:00Z"])

        let text = try cli.run(["summary"])
        #expect(text.lines.first == "SEV2  Checkout failing  [resolved since 2023-06-01 10:30:00Z]")
        #expect(text.stdout.contains("started    2023-06-01 09:00:00Z, lasted 1h 30m"))

        let json = try cli.run(["summary", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "sitrep.summary/1")
        #expect(object["status"] as? String == "resolved")
        #expect(object["commander"] as? String == "alice")
        #expect(object["elapsed_seconds"] as? Int == 5400)
        #expect((object["head"] as? String)?.count == 64)

        let earlier = try cli.run(["summary", "--json", "--at", "2023-06-01T10:00:00Z"])
        let then = try #require(try JSONSerialization.jsonObject(with: Data(earlier.stdout.utf8)) as? [String: Any])
        #expect(then["status"] as? String == "investigating")
        #expect(then["elapsed_seconds"] as? Int == 3600)
    }

    @Test func verifyPassesAnIntactJournalAndNamesTheBrokenLine() throws {
        let scratch = TemporaryFolder()
        let cli = CLI(folder: scratch.path)
        for index in 1...3 { try cli.run(["note", "entry \(index)"]) }
        let intact = try cli.run(["verify"])
        #expect(intact.status == 0)
        #expect(intact.stdout.contains("3 lines, chain intact"))
        let head = try #require(intact.lines.first { $0.hasPrefix("head ") }?.dropFirst(5)).description

        var lines = scratch.lines()
        lines[1] = lines[1].replacingOccurrences(of: "entry 2", with: "entry two")
        _ = FileManager.default.createFile(atPath: scratch.file("incident.jsonl"), contents: Data((lines.joined(separator: "\n") + "\n").utf8))
        let broken = try cli.run(["verify"])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("incident.jsonl:3: chain broken"))
        #expect(broken.stderr.isEmpty, "verify said what is wrong on stdout; nothing more on stderr: \(broken.stderr)")

        _ = FileManager.default.createFile(atPath: scratch.file("incident.jsonl"), contents: Data((scratch.lines().prefix(2).joined(separator: "\n") + "\n").utf8))
        let cut = try cli.run(["verify", "--expect-head", head])
        #expect(cut.status == 1)
        #expect(cut.stdout.contains("cut short"))
    }

    @Test func readingAJournalThatIsNotThereSaysHowToStartOne() throws {
        let scratch = TemporaryFolder()
        let result = try CLI(folder: scratch.path).run(["summary"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no journal at incident.jsonl"))
    }

    @Test func theSeedOutageReportReadsLikeTheSeedPostmortem() throws {
        let scratch = TemporaryFolder()
        let report = try CLI(folder: scratch.path).run(["report", "-j", Repository.root + "/examples/seed-outage.jsonl"])
        #expect(report.status == 0, "\(report.stderr)")
        let text = report.stdout
        #expect(text.contains("# Postmortem: Web application outage"))
        #expect(text.contains("- **Duration:** June 1, 2023, 09:00 (UTC) – June 2, 2023, 03:00 (UTC) (18h)"))
        #expect(text.contains("time to detect: **15m**"))
        #expect(text.contains("time to escalate: **2h**"))
        #expect(text.contains("time to mitigate: **3h**"))
        #expect(text.contains("escalation (→ database administration): Restart did not help"))
        #expect(text.contains("Connection pool misconfigured"))
        #expect(text.contains("Connection pool `primary` saturated 2 times for 3h in all"))
        #expect(text.contains("with up to 41 clients waiting"))
        #expect(text.contains("- [ ] Alert on connection pool saturation and waiting clients (owner: alice)"))
        #expect(try CLI(folder: scratch.path).run(["verify", "-j", Repository.root + "/examples/seed-outage.jsonl"]).status == 0)
    }
}


/// Stops a long-running child: SIGTERM as a user's Ctrl-C would, SIGKILL if that is ignored,
/// so a failing test can never leave a follower behind.
func stop(_ process: Process) {
    process.terminate()
    if !eventually(seconds: 2, every: 0.01, { !process.isRunning }) { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
}
