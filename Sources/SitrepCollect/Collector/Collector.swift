import Foundation
import IncidentCore

/// `sitrep collect`: every health check and pool in the config on its own beat, writing into the
/// journal through one batcher. Runs until its task is cancelled; a source that fails never
/// stops the others.
public final class Collector: Sendable {
    public let config: CollectorConfig
    private let batcher: JournalBatcher
    private let events: CollectorEvents
    private let fetcher = HTTPFetcher.shared
    private let log: @Sendable (String) -> Void

    public init(config: CollectorConfig, store: any JournalStore, log: @escaping @Sendable (String) -> Void) {
        self.config = config
        self.batcher = JournalBatcher(store: store, log: log)
        self.events = CollectorEvents(actor: config.actor)
        self.log = log
    }

    /// Watches until cancelled, then writes what is pending and a closing note. Returns how
    /// many events could not be written (the log has said why).
    public func run() async -> Int {
        batcher.submit([events.note(startedText, at: .now())])
        await withTaskGroup(of: Void.self) { group in
            for check in config.health {
                group.addTask { await self.watch(check) }
            }
            for pool in config.pools {
                group.addTask { await self.watch(pool) }
            }
        }
        batcher.submit([events.note("collector stopped; panes fed by it are no longer live", at: .now())])
        return await batcher.close()
    }

    private var startedText: String {
        let services = config.health.map(\.service)
        let pools = config.pools.map(\.name)
        var watched: [String] = []
        if !services.isEmpty { watched.append("\(services.count == 1 ? "service" : "services") \(services.joined(separator: ", "))") }
        if !pools.isEmpty { watched.append("\(pools.count == 1 ? "pool" : "pools") \(pools.joined(separator: ", "))") }
        return "collector started, watching \(watched.joined(separator: " and "))"
    }

    // MARK: Health

    private func watch(_ check: HealthCheck) async {
        let probe = HealthProbe(check: check, fetcher: fetcher)
        var throttle = SampleThrottle<HealthSample>(heartbeat: config.heartbeat, differs: HealthSample.differs)
        var episodes = ServiceEpisodes(rules: config.alerts)
        var pacer = Pacer(interval: check.every)
        repeat {
            let sample = await probe.sample()
            // A check cut short by stopping says nothing about the service.
            if Task.isCancelled { break }
            let now = Timestamp.now()
            var batch: [Event] = []
            if throttle.shouldWrite(sample, at: now) { batch.append(events.health(check.service, sample, at: now)) }
            if config.alerts.serviceDown, let change = episodes.observe(sample, at: now) {
                switch change {
                case .wentDown: batch.append(events.serviceDown(check.service, sample, at: now))
                case .recovered(let episode, let at): batch.append(events.serviceRecovered(check.service, episode, at: at))
                }
            }
            batcher.submit(batch)
        } while await pacer.waitForNextBeat()
    }

    // MARK: Pools

    private func watch(_ pool: PoolCheck) async {
        let source = makeSource(pool)
        var throttle = SampleThrottle<PoolReading>(heartbeat: config.heartbeat, differs: PoolReading.differs)
        var episodes = PoolEpisodes(rules: config.alerts)
        var failures = SourceFailures(reportAfter: Self.blindAfter)
        var errorLog = RateLimitedLog(interval: .seconds(30))
        var caveats = Set<String>()
        var poolerDownSince: Timestamp?
        var pacer = Pacer(interval: pool.every)
        repeat {
            let reading: PoolReading
            do {
                reading = try await source.read()
            } catch {
                if Task.isCancelled { break }
                if let line = errorLog.line("pool \(pool.name): \(error)") { log(line) }
                let now = Timestamp.now()
                if error.poolerDown {
                    // Not blind: the exporter says what is wrong, and it is an outage from the first read.
                    if poolerDownSince == nil { batcher.submit([events.poolerDown(pool.name, error.description, at: now)]) }
                    poolerDownSince = poolerDownSince ?? now
                } else if failures.failed(at: now) {
                    batcher.submit([events.poolBlind(pool.name, failures: Self.blindAfter, error.description, at: now)])
                }
                continue
            }
            let now = Timestamp.now()
            var batch: [Event] = []
            if let since = poolerDownSince {
                batch.append(events.poolerUp(pool.name, downSince: since, at: now))
                poolerDownSince = nil
            }
            if let blindness = failures.succeeded() { batch.append(events.poolSeenAgain(pool.name, blindness, at: now)) }
            for caveat in Self.caveats(of: reading) where caveats.insert(caveat.kind).inserted {
                batch.append(events.poolReadingCaveat(pool.name, caveat.text, at: now))
            }
            if throttle.shouldWrite(reading, at: now) { batch.append(events.pool(pool.name, reading, at: now)) }
            switch episodes.observe(reading, at: now) {
            case .began?: batch.append(events.poolSaturated(pool.name, reading, rules: config.alerts, at: now))
            case .queueFormed?: batch.append(events.poolQueueFormed(pool.name, reading, at: now))
            case .ended(let episode, let at)?: batch.append(events.poolRecovered(pool.name, episode, at: at))
            case nil: break
            }
            batcher.submit(batch)
        } while await pacer.waitForNextBeat()
    }

    /// Reads that fail in a row before the pool counts as unseen: one is a blip, three at the
    /// usual 5 s beat is 15 s without a look at the pool.
    static let blindAfter = 3

    /// What a reading asks the team not to take at its word; each kind is said once a run.
    static func caveats(of reading: PoolReading) -> [(kind: String, text: String)] {
        var caveats: [(kind: String, text: String)] = []
        if let assumption = reading.assumption { caveats.append(("assumption", assumption)) }
        if reading.looksWrong {
            caveats.append(("above max", "\(reading.inUse) in use of a pool of \(reading.max): more than the pool holds, so "
                + "the selectors (or the command) read the wrong figures; saturation above 100% is not to be believed"))
        }
        return caveats
    }

    private func makeSource(_ pool: PoolCheck) -> any PoolSource {
        switch pool.source {
        case let .prometheus(url, selectors):
            PrometheusPoolSource(url: url, selectors: selectors, timeout: pool.timeout, fetcher: fetcher)
        case .command(let command):
            CommandPoolSource(command: command, timeout: pool.timeout)
        }
    }
}
