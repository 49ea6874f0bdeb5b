import ArgumentParser
import IncidentCore
import SitrepCollect
import SitrepRecording

struct Collect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Watch services and connection pools and write what they do into the journal.",
        discussion: """
            Health checks and pool sources come from a TOML file: see README, "Watching real \
            systems", and examples/collect.toml. Runs until Ctrl-C or SIGTERM, then writes what \
            is pending.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The collector's TOML config.", valueName: "file"))
    var config: String

    @Flag(name: .long, help: "Check the config, say what would be watched, and exit.")
    var check = false

    @OptionGroup var journal: JournalOption

    func run() async throws {
        let settings = try CollectorConfigParser.load(path: config)
        if check {
            Output.lines(ConfigSummary.lines(for: settings))
            return
        }
        let store = try journal.writableStore()
        StopSignals.install()
        let collector = SitrepCollect.Collector(config: settings, store: store, log: { Output.warning("sitrep collect: " + $0) })
        Output.warning("sitrep collect: watching \(CountText.of(settings.health.count, "service")) and \(CountText.of(settings.pools.count, "pool")) into \(journal.name); Ctrl-C stops")
        let lost = await withTaskGroup(of: Int?.self) { group in
            group.addTask { await collector.run() }
            group.addTask {
                let signal = await StopSignals.stopped()
                Output.warning("sitrep collect: \(signal): writing what is pending and stopping")
                return nil
            }
            // The signal comes first: the collector, cancelled, writes what is pending and says
            // how much it could not.
            var lost = 0
            for await finished in group {
                if let finished { lost = finished } else { group.cancelAll() }
            }
            return lost
        }
        if lost > 0 {
            throw CommandFailure("\(lost) events could not be written to \(journal.name) before stopping; the errors above say why")
        }
    }
}
