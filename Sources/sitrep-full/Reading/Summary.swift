import ArgumentParser
import IncidentCore
import SitrepRecording

struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "The incident's state now (or at --at): for people, or with --json for scripts.",
        discussion: "The --json shape is documented in docs/summary-json.md and only ever gains keys.")

    @Option(help: ArgumentHelp("Show the incident as it stood at this time (RFC 3339).", valueName: "time"),
            transform: TimeArgument.parse)
    var at: Timestamp?

    @Flag(help: "Print JSON (one object, stable keys) instead of text.")
    var json = false

    @OptionGroup var journal: JournalOption

    func run() throws {
        let loaded = try LoadedIncident(journal: journal, options: FoldOptions(asOf: at, keepsTimeline: false))
        let summary = IncidentSummary(state: loaded.state, head: loaded.head, badLines: loaded.badLines,
                                      asOf: loaded.asOf)
        Output.line(json ? summary.json() : summary.text())
    }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Draft a Markdown postmortem from the journal.",
        discussion: "Example: sitrep report -j incident.jsonl > postmortem.md")

    @Option(help: ArgumentHelp("Write the report as of this time (RFC 3339).", valueName: "time"),
            transform: TimeArgument.parse)
    var at: Timestamp?

    @OptionGroup var journal: JournalOption

    func run() throws {
        let loaded = try LoadedIncident(journal: journal, options: FoldOptions(asOf: at))
        let report = PostmortemReport(state: loaded.state, source: journal.name, head: loaded.head, asOf: loaded.asOf)
        var output = LongOutput()
        report.write { output.lines($0) }
        // The blank line `Output.line` printed after the report when it was one String.
        output.line("")
        output.flush()
    }
}

/// A journal folded for a reading command, bad lines reported on stderr as they are met.
struct LoadedIncident {
    let state: IncidentState
    let head: String?
    let badLines: Int
    let asOf: Timestamp

    init(journal: JournalOption, options: FoldOptions) throws {
        let store = try journal.existingStore()
        var badLines = 0
        do {
            state = try IncidentState.fold(store, options: options) { bad in
                badLines += 1
                Output.warning(bad.description)
            }
            head = try store.headHash()
        } catch {
            throw CommandFailure(error.description)
        }
        self.badLines = badLines
        self.asOf = options.asOf ?? .now()
    }
}
