import ArgumentParser
import IncidentCore
import SitrepCollect
import SitrepRecording
import SitrepTUI


struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Play the seed outage live into a fresh journal and watch it in the dashboard.",
        discussion: """
            A simulator writes what monitoring, a collector and three responders would: the \
            connection pool creeping to 100% with clients waiting, alerts, notes, a failed restart, \
            an escalation, the fix and the recovery, in about three minutes (--speed 2 halves that). \
            Add your own entries as it plays. On exit it prints the journal's path and what to do \
            with it next.
            """)

    @Option(help: ArgumentHelp("How much faster than the 3-minute script to play, from 0.1 to 100 (default 1).",
                               valueName: "factor"))
    var speed: Double?

    @Option(name: [.customShort("j"), .long],
            help: ArgumentHelp("Where to write the demo's journal: a new file, or postgresql://USER@HOST/DATABASE[#NEW-INCIDENT] (default: a new file in $TMPDIR or /tmp).",
                               valueName: "file|url"))
    var journal: String?

    @Option(help: ArgumentHelp("Who records what you type (default: $SITREP_ACTOR, else your login name).", valueName: "name"))
    var actor: String?

    @OptionGroup var display: DashboardOptions

    /// Optional so that --help states the default once, in words.
    private var factor: Double { speed ?? 1 }

    func validate() throws {
        guard factor.isFinite, factor >= 0.1, factor <= 100 else { throw ValidationError("--speed takes a factor from 0.1 to 100") }
    }

    func run() throws {
        let (store, name) = try LivePlayback.freshJournal(journal, prefix: "sitrep-demo", purpose: "the demo")
        let theme = try display.loadTheme()
        let player = ScenarioPlayer(scenario: .seedOutage, store: store, speed: factor)
        let status = try LivePlayback.run(
            player, into: store, settings: display.settings(actor: actor ?? DefaultActor.name), theme: theme,
            banner: "DEMO \(SpeedText.factor(factor))×", name: "demo")
        printNextSteps(path: name)
        if status != 0 { throw ExitCode(status) }
    }

    private func printNextSteps(path: String) {
        Output.line("""
            The demo's journal: \(path)
              Replay it:            sitrep replay -j \(path)
              Its timeline:         sitrep timeline -j \(path)
              Draft the postmortem: sitrep report -j \(path)
              Check its chain:      sitrep verify -j \(path)
            """)
    }
}
