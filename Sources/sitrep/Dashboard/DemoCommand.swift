import ArgumentParser
import IncidentCore
import SitrepTUI

#if canImport(Glibc)
import Glibc
#endif

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play the seed outage live into a fresh journal and watch it in the dashboard.",
        discussion: """
            A simulator writes what monitoring, a collector and three responders would: the connection
            pool creeping to 100% with clients waiting, alerts, notes, a failed restart, an escalation,
            the fix and the recovery, in about three minutes (--speed 2 halves that). Add your own
            entries as it plays. On exit it prints the journal's path and what to do with it next.
            """)

    @Option(help: ArgumentHelp("How much faster than the 3-minute script to play (0.1 to 100).", valueName: "factor"))
    var speed: Double = 1

    @Option(name: [.customShort("j"), .long],
            help: ArgumentHelp("Where to write the demo's journal; it must not exist yet (default: a new file in $TMPDIR or /tmp).",
                               valueName: "file"))
    var journal: String?

    @Option(help: ArgumentHelp("Who records what you type (default: $SITREP_ACTOR, else your login name).", valueName: "name"))
    var actor: String?

    @OptionGroup var display: DashboardOptions

    func validate() throws {
        guard speed.isFinite, speed >= 0.1, speed <= 100 else { throw ValidationError("--speed takes a factor from 0.1 to 100") }
    }

    func run() throws {
        let path = journal ?? Self.freshPath()
        var info = stat()
        if lstat(path, &info) == 0 {
            throw CommandFailure("\(path) already exists: the demo writes a fresh journal (pick another -j FILE)")
        }
        let theme = try display.loadTheme()
        let store = FileJournal(path: path)
        let player = ScenarioPlayer(scenario: .seedOutage, store: store, speed: speed)
        player.start()
        let status: Int32
        do {
            status = try LiveDashboard.run(
                store: store, settings: display.settings(actor: actor ?? RecordingOptions.defaultActor), theme: theme,
                banner: "DEMO \(Self.format(speed))×", troubleCheck: { player.failure.map { "demo stopped: \($0)" } })
        } catch {
            player.stop()
            throw error
        }
        player.stop()
        printNextSteps(path: path)
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

    static func freshPath(prefix: String = "sitrep-demo") -> String {
        let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let now = CivilTime(.now())
        let stamp = now.dateText.filter(\.isNumber) + "-" + now.timeText.filter(\.isNumber)
        return "\(folder)/\(prefix)-\(stamp)-\(getpid()).jsonl"
    }

    static func format(_ speed: Double) -> String {
        speed == speed.rounded() ? String(Int(speed)) : String(speed)
    }
}
