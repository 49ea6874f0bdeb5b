import ArgumentParser
import IncidentCore
import JournalPostgres
import SitrepRecording

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every line and the hash chain; print each problem and the head hash.",
        discussion: """
            Exits 0 only when every line is intact and chained. Keep the printed head somewhere \
            safe; `--expect-head` with it later also detects a journal cut short.
            """)

    @Option(help: ArgumentHelp("A head hash printed earlier (at least 8 hex digits).", valueName: "hash"))
    var expectHead: String?

    @OptionGroup var journal: JournalOption

    func run() throws {
        let store = try journal.existingStore()
        let report = try JournalLocation.failing { () throws(JournalError) -> VerifyReport in
            if let stored = store as? PostgresJournal {
                return try JournalVerifier.verify(source: stored.location, expectHead: expectHead) { visit throws(JournalError) in
                    try stored.readLines(visit)
                }
            }
            return try JournalVerifier(path: (store as! FileJournal).path).verify(expectHead: expectHead)
        }
        Output.lines(report.problems.map(\.description))
        if let line = report.expectedHeadLine, line < report.lines {
            Output.line("expected head is line \(line); \(report.lines - line) lines appended since")
        }
        Output.line("head \(report.head ?? "(empty journal)")")
        if report.isIntact {
            Output.line("\(report.lines) lines, chain intact")
        } else {
            Output.line("\(report.lines) lines, \(CountText.of(report.problems.count, "problem"))")
            throw ExitCode(1)
        }
    }
}
