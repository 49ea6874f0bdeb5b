import ArgumentParser
import IncidentCore
import SitrepRecording
import SitrepTUI

struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "The live dashboard (what `sitrep` alone runs): health, pools, timeline; type to record.",
        discussion: "Press ? in the dashboard for every key. Entries from other dashboards and shells appear as they are written.")

    @OptionGroup var journal: JournalOption
    @OptionGroup var display: DashboardOptions

    @Option(help: ArgumentHelp("Who records what is typed here (default: $SITREP_ACTOR, else your login name). Text starting with @name records as name.",
                               valueName: "name"))
    var actor: String?

    func run() throws {
        let theme = try display.loadTheme()
        let who = actor ?? DefaultActor.name
        var location = try journal.location()
        if case .postgres(let address) = location, address.incident.isEmpty {
            location = .postgres(try IncidentPicker.choose(in: address))
        }
        let store = try location.store()
        let status = try LiveDashboard.run(store: store, settings: display.settings(actor: who), theme: theme)
        if status != 0 { throw ExitCode(status) }
    }
}
