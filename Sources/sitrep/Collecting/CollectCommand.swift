import ArgumentParser
import Dispatch
import IncidentCore
import SitrepCollect

struct Collect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Watch services and connection pools and write what they do into the journal.",
        discussion: """
            Health checks and pool sources come from a TOML file; see README, "Watching real systems",
            and examples/collect.toml. Runs until Ctrl-C or SIGTERM, then writes what is pending.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The collector's TOML config.", valueName: "file"))
    var config: String

    @Flag(name: .long, help: "Check the config, say what would be watched, and exit.")
    var check = false

    @OptionGroup var journal: JournalOption

    func run() throws {
        let settings = try CollectorConfigParser.load(path: config)
        if check {
            Output.lines(Self.describe(settings))
            return
        }
        try journal.store.checkWritable()
        StopSignals.install()
        let collector = SitrepCollect.Collector(config: settings, store: journal.store, log: { Output.warning("sitrep collect: " + $0) })
        Output.warning("sitrep collect: watching \(Self.count(settings.health.count, "service")) and \(Self.count(settings.pools.count, "pool")) into \(journal.path); Ctrl-C stops")
        let finished = DispatchSemaphore(value: 0)
        let watching = _Concurrency.Task {
            await collector.run()
            finished.signal()
        }
        let signal = StopSignals.wait()
        Output.warning("sitrep collect: \(signal): writing what is pending and stopping")
        watching.cancel()
        finished.wait()
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    static func describe(_ config: CollectorConfig) -> [String] {
        var lines = ["config is valid: heartbeat \(DurationSetting.text(config.heartbeat)), actor \(config.actor)"]
        for check in config.health {
            lines.append("health \(check.service): GET \(check.url.absoluteString) every \(DurationSetting.text(check.every)), timeout \(DurationSetting.text(check.timeout)), degraded over \(Int(check.degradedMilliseconds)) ms")
        }
        for pool in config.pools {
            switch pool.source {
            case let .prometheus(url, selectors):
                lines.append("pool \(pool.name): scrape \(url.absoluteString) every \(DurationSetting.text(pool.every)): in_use \(selectors.inUse), max \(selectors.max)")
            case .command(let command):
                lines.append("pool \(pool.name): run `\(command)` every \(DurationSetting.text(pool.every))")
            }
        }
        let rules = config.alerts
        lines.append("alerts: pool at \(Int(rules.poolSaturation * 100))% or \(rules.poolWaiting)+ waiting; service down: \(rules.serviceDown ? "yes" : "no"); clear after \(rules.clearSamples) samples")
        return lines.map(SafeText.escape)
    }
}
