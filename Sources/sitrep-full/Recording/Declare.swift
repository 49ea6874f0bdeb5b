import ArgumentParser
import IncidentCore
import SitrepRecording

struct Declare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "declare",
        abstract: "Open the incident: its title, severity and impact.",
        discussion: "Example: sitrep declare \"Checkout failing\" --severity SEV1 --impact \"All users\" --started 2023-06-01T09:00:00Z")

    @Argument(help: "The incident's title.")
    var title: String

    @Option(help: ArgumentHelp("SEV0 (worst) to SEV4.", valueName: "sev"), transform: SeverityArgument.parse)
    var severity: String

    @Option(help: ArgumentHelp("Who or what is affected, and how.", valueName: "text"))
    var impact: String?

    @Option(help: ArgumentHelp("When the impact began, if before now (RFC 3339).", valueName: "time"),
            transform: TimeArgument.parse)
    var started: Timestamp?

    @Flag(help: "Declare again over an incident already declared: its title, severity and impact become these.")
    var redeclare = false

    @OptionGroup var options: RecordingOptions

    func validate() throws {
        if title.allSatisfy(\.isWhitespace) { throw ValidationError("the title is empty") }
    }

    func run() throws {
        if !redeclare, let current = try currentDeclaration() { throw CommandFailure(Self.refusal(current)) }
        try options.record(.declare) { event in
            event.title = title
            event.severity = severity
            event.impact = impact
            event.started = started
        }
    }
}

extension Declare {
    /// A second `declare` silently retitled the incident, most often by someone who did not know
    /// it was open; so it is refused unless asked for with --redeclare.
    private func currentDeclaration() throws -> IncidentState? {
        // No journal yet: the first declare creates it.
        guard let store = try? options.journal.existingStore() else { return nil }
        do {
            let state = try IncidentState.fold(store, options: FoldOptions(keepsTimeline: false))
            return state.milestones.declared == nil ? nil : state
        } catch {
            throw CommandFailure(error.description)
        }
    }

    static func refusal(_ current: IncidentState) -> String {
        let title = current.title.map { SafeText.quoted($0) } ?? "an untitled incident"
        let severity = current.severity.map { " (\(SafeText.escape($0)))" } ?? ""
        return "the incident is already declared: \(title)\(severity); `sitrep severity SEV` changes the severity, "
            + "`sitrep declare TITLE --severity SEV --redeclare` replaces the title, severity and impact"
    }
}
