import ArgumentParser
import IncidentCore

struct Declare: ParsableCommand {
    static let configuration = CommandConfiguration(
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

    @OptionGroup var options: RecordingOptions

    func validate() throws {
        if title.allSatisfy(\.isWhitespace) { throw ValidationError("the title is empty") }
    }

    func run() throws {
        try options.record(.declare) { event in
            event.title = title
            event.severity = severity
            event.impact = impact
            event.started = started
        }
    }
}
