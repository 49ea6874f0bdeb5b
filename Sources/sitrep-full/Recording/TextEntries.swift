import ArgumentParser
import IncidentCore

struct Note: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note",
        abstract: "Add a note to the timeline.",
        discussion: "Example: sitrep note \"restarted db-1, no change\"")

    @OptionGroup var words: TextWords
    @OptionGroup var options: RecordingOptions

    func run() throws { try options.record(.note, text: words.text) }
}

struct Cause: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cause", abstract: "Record a root cause once it is identified.")

    @OptionGroup var words: TextWords
    @OptionGroup var options: RecordingOptions

    func run() throws { try options.record(.cause, text: words.text) }
}

struct Task: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "task", abstract: "Record a follow-up task for after the incident.")

    @Option(help: ArgumentHelp("Who owns the task.", valueName: "name"))
    var owner: String?

    @OptionGroup var words: TextWords
    @OptionGroup var options: RecordingOptions

    func run() throws {
        try options.record(.task, text: words.text) { $0.owner = owner }
    }
}

struct Alert: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "alert", abstract: "Record an alert (monitoring tools and people alike).")

    @Option(help: ArgumentHelp("The service the alert is about.", valueName: "name"))
    var service: String?

    @Option(help: ArgumentHelp("info, warning or critical.", valueName: "level"))
    var level: AlertLevel?

    @OptionGroup var words: TextWords
    @OptionGroup var options: RecordingOptions

    func run() throws {
        try options.record(.alert, text: words.text) { event in
            event.service = service
            event.level = level?.rawValue
        }
    }
}

struct Escalate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escalate",
        abstract: "Escalate to a team or person, and say why.",
        discussion: "Example: sitrep escalate --to \"database administration\" \"restart did not help\"")

    @Option(help: ArgumentHelp("The team or person escalated to.", valueName: "who"))
    var to: String

    @OptionGroup var words: TextWords
    @OptionGroup var options: RecordingOptions

    func validate() throws {
        if to.allSatisfy(\.isWhitespace) { throw ValidationError("--to is empty: say whom you escalate to") }
    }

    func run() throws {
        try options.record(.escalation, text: words.text) { $0.to = to }
    }
}

struct Mitigate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mitigate", abstract: "Record an action taken to limit the impact.")

    @Option(help: ArgumentHelp("started, applied (default), failed or reverted.", valueName: "state"))
    var state: MitigationState = .applied

    @OptionGroup var words: TextWords
    @OptionGroup var options: RecordingOptions

    func run() throws {
        try options.record(.mitigation, text: words.text) { $0.state = state.rawValue }
    }
}
