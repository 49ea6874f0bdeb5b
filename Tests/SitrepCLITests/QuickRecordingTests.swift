import Foundation
import TestSupport
import Testing
@testable import IncidentCore

/// `sitrep note` and `sitrep cause` in their plain form are read without ArgumentParser (see
/// QuickRecording); what a user sees must not depend on which of the two read the arguments.
@Suite(.oneAtATime) struct QuickRecordingTests {
    /// The same entry twice: in the plain form, and with `--option=value`, which only ArgumentParser reads.
    @Test(arguments: ["note", "cause"])
    func thePlainFormRecordsWhatArgumentParserRecords(_ command: String) throws {
        let scratch = TemporaryFolder()
        var cli = CLI(folder: scratch.path)
        cli.environment["SITREP_ACTOR"] = "alice"
        let quickName = "quick\u{1B}[31m.jsonl", parsedName = "parsed\u{1B}[31m.jsonl"
        let quick = try cli.run([command, "restarted", "db-1,\u{7}", "no change", "-j", quickName, "--actor", "bob",
                                 "--at", "2023-06-01T09:15:00Z"])
        let parsed = try cli.run([command, "--journal=\(parsedName)", "restarted", "db-1,\u{7}", "--actor=bob", "no change",
                                  "--at=2023-06-01T09:15:00Z"])
        #expect(quick.status == 0 && parsed.status == 0, "\(quick.stderr) \(parsed.stderr)")
        #expect(quick.stderr.isEmpty && parsed.stderr.isEmpty)

        let quickEvents = try scratch.events(quickName), parsedEvents = try scratch.events(parsedName)
        #expect(quickEvents.count == 1 && parsedEvents.count == 1)
        let (mine, theirs) = (try #require(quickEvents.first), try #require(parsedEvents.first))
        #expect(mine.kind == theirs.kind && mine.actor == theirs.actor && mine.text == theirs.text && mine.ts == theirs.ts)
        #expect(mine.text == "restarted db-1,\u{7} no change" && mine.actor == "bob")

        // The id differs; the rest of the line is the same, the journal's name escaped alike.
        let said = quick.stdout.replacingOccurrences(of: mine.id ?? "", with: "ID").replacingOccurrences(of: "quick", with: "NAME")
        let saidBefore = parsed.stdout.replacingOccurrences(of: theirs.id ?? "", with: "ID").replacingOccurrences(of: "parsed", with: "NAME")
        #expect(said == saidBefore)
        #expect(said.hasPrefix("recorded \(command) ID in NAME") && !said.contains("\u{1B}"), "\(said)")
    }

    /// The defaults the plain form relies on: $SITREP_JOURNAL, then ./incident.jsonl; $SITREP_ACTOR.
    @Test func thePlainFormFindsTheJournalAndActorAsBefore() throws {
        let scratch = TemporaryFolder()
        var cli = CLI(folder: scratch.path)
        cli.environment["SITREP_ACTOR"] = "carol"
        try cli.run(["note", "here"])
        cli.environment["SITREP_JOURNAL"] = scratch.file("env.jsonl")
        try cli.run(["note", "there"])
        #expect(try scratch.events("incident.jsonl").map(\.text) == ["here"])
        let fromEnvironment = try scratch.events("env.jsonl")
        #expect(fromEnvironment.map(\.text) == ["there"] && fromEnvironment.map(\.actor) == ["carol"])
    }

    /// Forms the plain reader leaves to ArgumentParser keep ArgumentParser's meaning.
    @Test func whatThePlainFormDoesNotReadMeansWhatItMeantBefore() throws {
        let scratch = TemporaryFolder()
        let cli = CLI(folder: scratch.path)
        try cli.run(["note", "-j", "a.jsonl", "--", "-5%", "errors"])
        try cli.run(["note", "help", "-j", "a.jsonl"])
        try cli.run(["note", "", "spaced", "-j", "a.jsonl"])
        #expect(try scratch.events("a.jsonl").map(\.text) == ["-5% errors", "help", " spaced"])

        let help = try cli.run(["note", "--help"])
        #expect(help.status == 0 && help.stdout.contains("USAGE: sitrep note"), "\(help.stdout)")
        let twice = try cli.run(["note", "x", "--actor", "a", "--actor", "b", "-j", "b.jsonl"])
        let twiceEvents = try scratch.events("b.jsonl")
        #expect(twice.status == 0 && twiceEvents.map(\.actor) == ["b"], "\(twice.stderr)")
        let noValue = try cli.run(["note", "x", "--actor"])
        #expect(noValue.status == 64 && noValue.stderr.hasPrefix("sitrep: "), "\(noValue.stderr)")
        let journalTwice = try cli.run(["cause", "y", "-j", "c.jsonl", "--journal", "d.jsonl"])
        #expect(journalTwice.status == 0, "\(journalTwice.stderr)")
        #expect(try scratch.events("d.jsonl").map(\.text) == ["y"])
        let badTime = try cli.run(["note", "x", "--at", "yesterday", "-j", "e.jsonl"])
        #expect(badTime.status == 64 && badTime.stderr.hasPrefix("sitrep: ") && badTime.stderr.contains("RFC 3339"), "\(badTime.stderr)")
        #expect(scratch.eventsSoFar("e.jsonl").isEmpty)
    }
}
