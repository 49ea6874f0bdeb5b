import ArgumentParser
import Dispatch
import IncidentCore
import SitrepCollect
import Synchronization

struct Collect: ParsableCommand {
    static let configuration = CommandConfiguration(
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

    func run() throws {
        let settings = try CollectorConfigParser.load(path: config)
        if check {
            Output.lines(ConfigSummary.lines(for: settings))
            return
        }
        try journal.store.checkWritable()
        StopSignals.install()
        let collector = SitrepCollect.Collector(config: settings, store: journal.store, log: { Output.warning("sitrep collect: " + $0) })
        Output.warning("sitrep collect: watching \(CountText.of(settings.health.count, "service")) and \(CountText.of(settings.pools.count, "pool")) into \(journal.path); Ctrl-C stops")
        let finished = DispatchSemaphore(value: 0)
        let unwritten = Counter()
        let watching = _Concurrency.Task {
            unwritten.set(await collector.run())
            finished.signal()
        }
        let signal = StopSignals.wait()
        Output.warning("sitrep collect: \(signal): writing what is pending and stopping")
        watching.cancel()
        finished.wait()
        let lost = unwritten.value
        if lost > 0 {
            throw CommandFailure("\(lost) events could not be written to \(journal.path) before stopping; the errors above say why")
        }
    }
}

/// A number handed from the collector's task to the main thread.
private final class Counter: Sendable {
    private let number = Mutex(0)
    var value: Int { number.withLock { $0 } }
    func set(_ value: Int) { number.withLock { $0 = value } }
}
