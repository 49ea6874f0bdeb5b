import Foundation
import TestSupport
import Testing
@testable import IncidentCore

/// The hostile corpus through every reading command of the real binary: nothing a terminal would
/// act on reaches stdout or stderr, and every bad line is named by its number.
@Suite(.oneAtATime, .timeLimit(.minutes(10)))
struct HostileCorpusTests {
    static let readingCommands: [[String]] = [
        ["timeline"], ["timeline", "--ids"], ["summary"], ["summary", "--json"], ["report"], ["verify"],
    ]

    @Test(arguments: readingCommands)
    func noReadingCommandPrintsARawControlAndEachNamesEveryBadLine(_ command: [String]) throws {
        let scratch = TemporaryFolder()
        let corpus = HostileJournal.make()
        corpus.write(to: scratch.file("hostile.jsonl"))
        let run = try CLI(folder: scratch.path).launch(command + ["-j", "hostile.jsonl"])
        run.process.waitUntilExit()
        let stdout = run.output.bytes
        let stderr = run.errors.bytes

        #expect(run.process.terminationStatus == (command == ["verify"] ? 1 : 0), "stderr: \(run.errors.text.prefix(2000))")
        #expect(rawControls(in: stdout) == [], "stdout of sitrep \(command.joined(separator: " "))")
        #expect(rawControls(in: stderr) == [], "stderr of sitrep \(command.joined(separator: " "))")
        let messages = run.errors.text + (command == ["verify"] ? run.output.text : "")
        for line in corpus.badLines {
            #expect(messages.contains("hostile.jsonl:\(line): "), "line \(line) is named; messages:\n\(messages.prefix(4000))")
        }
        if command.first == "timeline" || command.first == "report" {
            #expect(run.output.text.contains(HostileJournal.honestText), "it read on past the hostile lines")
        }
    }

    /// `--json` keeps the text as sent, as JSON escapes: a script gets the exact string back, and
    /// `summary --json | cat` on a terminal shows `\u001b`, not an escape sequence.
    @Test func summaryJSONKeepsHostileTextAsJSONEscapes() throws {
        let scratch = TemporaryFolder()
        HostileJournal.make().write(to: scratch.file("hostile.jsonl"))
        let result = try CLI(folder: scratch.path).run(["summary", "--json", "-j", "hostile.jsonl"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["title"] as? String == "Pay\u{1B}]2;PWNED-title\u{07}ments\u{9D}2;PWNED-c1\u{9C}")
        #expect(object["impact"] as? String == "all \u{202E}users\u{2028}down")
        for escape in [#"\u001b"#, #"\u0007"#, #"\u009d"#, #"\u009c"#, #"\u202e"#, #"\u2028"#] {
            #expect(result.stdout.contains(escape), "\(escape) in \(result.stdout.prefix(300))")
        }
    }

    /// Arguments are untrusted too: ArgumentParser's messages echo them, and so do ours.
    @Test(arguments: [
        ["note", "--bogus\u{1B}]2;PWNED\u{07}\u{9D}0;x\u{9C}\u{202E}"],
        ["timeline", "-j", "missing\u{1B}]2;PWNED\u{07}\u{9B}2J\u{2066}.jsonl"],
        ["note", "x", "--at", "2023\u{1B}]2;PWNED\u{07}\u{85}\u{202E}"],
    ])
    func argumentsEchoedInErrorsAreEscaped(_ arguments: [String]) throws {
        let scratch = TemporaryFolder()
        let run = try CLI(folder: scratch.path).launch(arguments)
        run.process.waitUntilExit()
        #expect(run.process.terminationStatus != 0)
        #expect(run.errors.text.hasPrefix("sitrep: "), "stderr: \(run.errors.text)")
        #expect(rawControls(in: run.errors.bytes) == [], "stderr: \(run.errors.text.debugDescription)")
        #expect(rawControls(in: run.output.bytes) == [])
    }
}
