import ArgumentParser
import IncidentCore
import SitrepRecording

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Change the incident's status: investigating, identified, monitoring or resolved.")

    @Argument(help: "investigating, identified, monitoring or resolved.")
    var state: IncidentStatus

    @Option(help: ArgumentHelp("Why, for the timeline.", valueName: "text"))
    var text: String?

    @OptionGroup var options: RecordingOptions

    func run() throws {
        try options.record(.status, text: text) { $0.state = state.rawValue }
    }
}

struct SeverityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "severity", abstract: "Change the incident's severity (SEV0 worst to SEV4).")

    @Argument(help: "SEV0 to SEV4.", transform: SeverityArgument.parse)
    var severity: String

    @Option(help: ArgumentHelp("Why, for the timeline.", valueName: "text"))
    var text: String?

    @OptionGroup var options: RecordingOptions

    func run() throws {
        try options.record(.severity, text: text) { $0.severity = severity }
    }
}

struct Role: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "role",
        abstract: "Assign or hand over a role: commander, comms, ops, scribe, or another word.",
        discussion: "Example: sitrep role commander carol")

    @Argument(help: "The role.")
    var role: String

    @Argument(help: "Who takes it.")
    var who: String

    @OptionGroup var options: RecordingOptions

    func validate() throws {
        if role.isEmpty || role.contains(where: \.isWhitespace) { throw ValidationError("a role is one word, such as commander") }
        if who.allSatisfy(\.isWhitespace) { throw ValidationError("say who takes the role") }
    }

    func run() throws {
        try options.record(.role) { event in
            event.role = role
            event.who = who
        }
    }
}

struct Amend: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "amend",
        abstract: "Correct an earlier entry's text; the original stays in the journal.",
        discussion: "Find the id with `sitrep timeline --ids`. Example: sitrep amend 4k2x9q0m1c7d \"restarted db-2, not db-1\"")

    @Argument(help: "The id of the entry to correct.")
    var id: String

    @OptionGroup var words: TextWords
    @OptionGroup var options: RecordingOptions

    func run() throws {
        var found = false
        try options.journal.existingStore().read { record in
            if case .event(let event, _) = record, event.id == id { found = true }
        }
        guard found else {
            throw CommandFailure("no entry with id \(SafeText.quoted(id)) in \(options.journal.name) (see `sitrep timeline --ids`)")
        }
        try options.record(.amend, text: words.text) { $0.ref = id }
    }
}
