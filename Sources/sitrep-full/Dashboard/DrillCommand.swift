import ArgumentParser
import IncidentCore
import SitrepCollect
import SitrepRecording
import SitrepTUI

#if canImport(Glibc)
import Glibc
#endif

struct Drill: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drill",
        abstract: "Run a past incident again as an exercise: its monitoring plays live, trainees respond.",
        discussion: """
            The past journal's health and pool samples and alerts are played into a new journal, \
            re-timed to now, while trainees respond in the normal dashboard. Their entries land in \
            the new journal beside the replayed ones; afterwards `sitrep report -j NEW` shows their \
            times to acknowledge, escalate and mitigate next to the original incident's.

            Quiet stretches are skipped as replay skips them (a gap that would take more than 2 s \
            at --speed), so an 18-hour incident does not take 18 minutes at 60x; --no-skip plays \
            them in full.
            """)

    @Option(help: ArgumentHelp("The past incident's journal: a file, or postgresql://USER@HOST/DATABASE#INCIDENT.", valueName: "file|url"))
    var from: String

    @Option(name: [.customShort("j"), .long],
            help: ArgumentHelp("The drill's new journal: a new file, or postgresql://USER@HOST/DATABASE[#NEW-INCIDENT] (default: a new file in $TMPDIR or /tmp).",
                               valueName: "file|url"))
    var journal: String?

    @Option(help: ArgumentHelp("Times real time (default 60: an hour of the incident in a minute).", valueName: "factor"))
    var speed: Double?

    @Flag(name: .customLong("no-skip"), help: "Play quiet stretches in full instead of skipping them.")
    var noSkip = false

    @Option(help: ArgumentHelp("Who records what is typed here (default: $SITREP_ACTOR, else your login name).", valueName: "name"))
    var actor: String?

    @OptionGroup var display: DashboardOptions

    /// Optional so that --help states the default once, in words.
    private var factor: Double { speed ?? 60 }

    func validate() throws {
        guard factor.isFinite, factor >= 0.1, factor <= 10_000 else { throw ValidationError("--speed takes a factor from 0.1 to 10000") }
    }

    func run() throws {
        let past = try JournalLocation.parsing(from).existingStore(missingFile: "nothing to build the drill from")
        let (store, name) = try LivePlayback.freshJournal(journal, prefix: "sitrep-drill", purpose: "a drill")
        let theme = try display.loadTheme()
        let who = actor ?? DefaultActor.name
        let player: ScenarioPlayer
        let plan: DrillScript.Plan
        do {
            plan = try DrillScript.plan(from: past, speed: factor, actor: who, at: .now(),
                                        skipsQuietStretches: !noSkip)
            try store.append(plan.reference)
            player = ScenarioPlayer(scenario: plan.scenario, store: store, speed: factor)
        } catch {
            throw CommandFailure(error.description)
        }
        let skipped = plan.skippedSeconds > 0 ? ", quiet skipped" : ""
        let status = try LivePlayback.run(player, into: store, settings: display.settings(actor: who), theme: theme,
                                          banner: "DRILL \(SpeedText.factor(factor))×\(skipped)", name: "drill")
        var closing = ["The drill's journal: \(name)"]
        if plan.skippedSeconds > 0 {
            closing.append("  Quiet stretches skipped: \(DurationText.compact(plan.skippedSeconds)) of the incident (--no-skip plays them)")
        }
        closing += ["  Compare with the original: sitrep report -j \(name)",
                    "  Replay it:                 sitrep replay -j \(name)"]
        Output.lines(closing)
        if status != 0 { throw ExitCode(status) }
    }
}
