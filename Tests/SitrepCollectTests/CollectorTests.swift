import Foundation
import IncidentCore
import Synchronization
import TestSupport
import Testing
@testable import SitrepCollect

@Suite("The collector end to end: real HTTP sources in, journal lines out")
struct CollectorTests {
    /// What the fake system is doing: 0 calm, 1 on fire, 2 calm again.
    final class Phase: Sendable {
        private let value = Mutex(0)
        var current: Int { value.withLock { $0 } }
        func set(_ phase: Int) { value.withLock { $0 = phase } }
    }

    /// Waits until the journal shows `condition`. Phases move on what the journal says, not on
    /// sleeps: the suite shares two cooperative threads with tests that block them.
    private static func journal(_ journal: FileJournal, shows condition: ([Event]) -> Bool) async -> Bool {
        await eventually(seconds: 30) { condition((try? journal.events()) ?? []) }
    }

    private static func texts(_ events: [Event]) -> [String] { events.compactMap(\.text) }

    private static func metrics(onFire: Bool) -> String {
        """
        # TYPE app_pool_in_use gauge
        app_pool_in_use{pool="primary"} \(onFire ? 10 : 2)
        app_pool_max{pool="primary"} 10
        app_pool_waiting{pool="primary"} \(onFire ? 5 : 0)

        """
    }

    @Test("a saturation and an outage each give one alert and one end-of-episode note; quiet samples are not repeated")
    func episodesFromRealSources() async throws {
        let phase = Phase()
        let server = try TestHTTPServer { path, _ in
            let onFire = phase.current == 1
            if path == "/metrics" { return .init(body: Self.metrics(onFire: onFire)) }
            return onFire ? .init(status: 503, body: "overloaded") : .init(status: 200)
        }
        defer { server.stop() }
        var config = CollectorConfig()
        config.heartbeat = .seconds(600)
        var health = HealthCheck(service: "web", url: server.url("/healthz"))
        health.every = .milliseconds(50)
        // A starved test process can take seconds to hear an answer; that is neither "degraded"
        // nor "no answer".
        health.degradedMilliseconds = 60_000
        health.timeout = .seconds(60)
        config.health = [health]
        var pool = PoolCheck(name: "primary", source: .prometheus(url: server.url("/metrics"), selectors: PoolSelectors(
            inUse: try MetricSelector(parsing: "app_pool_in_use"), max: try MetricSelector(parsing: "app_pool_max"),
            waiting: try MetricSelector(parsing: "app_pool_waiting"))))
        pool.every = .milliseconds(50)
        pool.timeout = .seconds(60)
        config.pools = [pool]

        let folder = TemporaryFolder()
        defer { withExtendedLifetime(folder) {} }
        let journal = FileJournal(path: folder.path + "/incident.jsonl")
        let collector = Collector(config: config, store: journal, log: { _ in })
        let running = Task { await collector.run() }
        #expect(await Self.journal(journal) { events in
            events.contains { $0.kind == .pool } && events.contains { $0.kind == .health }
        })
        phase.set(1)
        #expect(await Self.journal(journal) { events in
            let texts = Self.texts(events)
            return texts.contains { $0.hasPrefix("pool primary saturated") } && texts.contains { $0.hasPrefix("web is down") }
        })
        phase.set(2)
        #expect(await Self.journal(journal) { events in
            let texts = Self.texts(events)
            return texts.contains { $0.hasPrefix("pool primary back below") } && texts.contains { $0.hasPrefix("web is answering again") }
        })
        running.cancel()
        _ = await running.value

        let events = try journal.events()
        let texts = events.filter { $0.kind == .alert || $0.kind == .note }.map { $0.text ?? "" }
        #expect(texts.first == "collector started, watching service web and pool primary")
        #expect(texts.last == "collector stopped; panes fed by it are no longer live")
        #expect(events.filter { $0.kind == .alert && $0.pool == "primary" }.map { $0.text ?? "" } == ["pool primary saturated: 10/10 in use (100%), 5 waiting"])
        #expect(texts.filter { $0.hasPrefix("pool primary back below saturation") }.count == 1)
        #expect(texts.filter { $0.hasPrefix("web is down: HTTP 503") }.count == 1)
        #expect(texts.filter { $0.hasPrefix("web is answering again") }.count == 1)
        #expect(events.filter { $0.kind == .alert || $0.kind == .note }.allSatisfy { $0.isAutomated })

        // Dozens of scrapes of three distinct readings: only the changes are written.
        let pools = events.filter { $0.kind == .pool }
        #expect(pools.map(\.waiting) == [0, 5, 0])
        #expect(pools.allSatisfy { $0.pool == "primary" && $0.max == 10 && $0.actor == "collector" })
        #expect(pools.allSatisfy { $0.poolEpisodesAlertedBy == "collector" }, "the collector tells these episodes itself")
        var state = IncidentState()
        for (index, event) in events.enumerated() { state.apply(event, line: index + 1) }
        let story = state.timeline.filter { $0.text.contains("primary") && !$0.text.hasPrefix("collector ") }.map(\.text)
        #expect(story.count == 2, "one opening and one end in the timeline: \(story)")
        let states = events.filter { $0.kind == .health }.map(\.state)
        #expect(states.first == "up" && states.contains("down") && states.last == "up")
        #expect(try JournalVerifier(path: journal.path).verify().isIntact)
    }

    @Test("a pool source that keeps failing opens one blind-monitoring alert, closed by a note when it reads again")
    func failingSourceIsReportedOnce() async throws {
        let phase = Phase()
        let server = try TestHTTPServer { _, _ in
            phase.current == 0 ? .init(body: "<html>maintenance</html>") : .init(body: Self.metrics(onFire: false))
        }
        defer { server.stop() }
        var config = CollectorConfig()
        var pool = PoolCheck(name: "primary", source: .prometheus(url: server.url("/metrics"), selectors: PoolSelectors(
            inUse: try MetricSelector(parsing: "app_pool_in_use"), max: try MetricSelector(parsing: "app_pool_max"))))
        pool.every = .milliseconds(40)
        pool.timeout = .seconds(60)
        config.pools = [pool]
        let folder = TemporaryFolder()
        defer { withExtendedLifetime(folder) {} }
        let journal = FileJournal(path: folder.path + "/incident.jsonl")
        let logged = Mutex<[String]>([])
        let collector = Collector(config: config, store: journal, log: { line in logged.withLock { $0.append(line) } })
        let running = Task { await collector.run() }
        #expect(await Self.journal(journal) { Self.texts($0).contains { $0.hasPrefix("monitoring is blind to pool primary") } })
        phase.set(1)
        #expect(await Self.journal(journal) { Self.texts($0).contains { $0.hasPrefix("pool primary can be read again") } })
        running.cancel()
        _ = await running.value

        let events = try journal.events()
        let blind = events.filter { $0.text?.hasPrefix("monitoring is blind to pool primary") == true }
        #expect(blind.count == 1)
        #expect(blind.first?.kind == .alert && blind.first?.level == "warning" && blind.first?.pool == "primary")
        #expect(blind.first?.text?.contains("3 reads in a row failed") == true, "\(blind.map(\.text))")
        #expect(blind.first?.text?.contains("not Prometheus text exposition") == true, "\(blind.map(\.text))")
        let seen = events.filter { $0.text?.hasPrefix("pool primary can be read again after ") == true }
        #expect(seen.count == 1 && seen.first?.kind == .note, "\(seen.map(\.text))")
        #expect(seen.first?.text?.contains("blind (") == true)
        // At least three failures, printed once: the rest are held back for 30 s.
        #expect(logged.withLock { $0 }.count == 1)
    }

    @Test("a pooler its exporter reports down (pgbouncer_up 0) is a critical alert at the first read, closed when it is up")
    func poolerDownIsAnOutageAtOnce() async throws {
        let phase = Phase()
        let server = try TestHTTPServer { _, _ in
            // As pgbouncer_exporter answers with PgBouncer stopped: only its own up series.
            phase.current == 0 ? .init(body: "pgbouncer_up 0\n") : .init(body: """
                pgbouncer_up 1
                pgbouncer_databases_pool_size{database="app"} 3
                pgbouncer_pools_server_active_connections{database="app"} 1

                """)
        }
        defer { server.stop() }
        var config = CollectorConfig()
        var pool = PoolCheck(name: "app", source: .prometheus(url: server.url("/metrics"), selectors: PoolSelectors(
            inUse: try MetricSelector(parsing: #"pgbouncer_pools_server_active_connections{database="app"}"#),
            max: try MetricSelector(parsing: #"pgbouncer_databases_pool_size{database="app"}"#),
            up: try MetricSelector(parsing: "pgbouncer_up"))))
        pool.every = .milliseconds(40)
        pool.timeout = .seconds(60)
        config.pools = [pool]
        let folder = TemporaryFolder()
        defer { withExtendedLifetime(folder) {} }
        let journal = FileJournal(path: folder.path + "/incident.jsonl")
        let collector = Collector(config: config, store: journal, log: { _ in })
        let running = Task { await collector.run() }
        #expect(await Self.journal(journal) { Self.texts($0).contains { $0.hasPrefix("pool app's pooler is down") } })
        // Several reads of a stopped pooler: still one alert, and no blind-monitoring one.
        #expect(await eventually(seconds: 30) { server.requestCount >= 5 })
        phase.set(1)
        #expect(await Self.journal(journal) { Self.texts($0).contains { $0.hasPrefix("pool app's pooler is up again after ") } })
        running.cancel()
        _ = await running.value

        let alerts = try journal.events().filter { $0.kind == .alert }
        #expect(alerts.count == 1, "\(alerts.map(\.text))")
        #expect(alerts.first?.level == "critical" && alerts.first?.pool == "app")
        #expect(alerts.first?.text == "pool app's pooler is down: pgbouncer_up is 0: the exporter answers, the pooler does not")
    }

    @Test("stopping while a check is in flight writes no sample and no alert for it")
    func stoppingMidCheckWritesNothingFalse() async throws {
        let server = try TestHTTPServer(.init(status: 200, delay: .seconds(30)))
        defer { server.stop() }
        var config = CollectorConfig()
        var health = HealthCheck(service: "web", url: server.url("/healthz"))
        health.timeout = .seconds(60)
        config.health = [health]
        let folder = TemporaryFolder()
        defer { withExtendedLifetime(folder) {} }
        let journal = FileJournal(path: folder.path + "/incident.jsonl")
        let running = Task { await Collector(config: config, store: journal, log: { _ in }).run() }
        _ = await eventually(seconds: 30) { server.requestCount > 0 }
        try #require(server.requestCount == 1)
        running.cancel()
        #expect(await running.value == 0, "every event written")
        let kinds = try journal.events().map(\.kind.name)
        #expect(kinds == ["note", "note"], "only the started and stopped notes")
    }
}

@Suite("Journal batcher: a backlog that must shrink loses samples first")
struct JournalBatcherTests {
    @Test("past the limit the oldest samples go, alerts and notes stay")
    func trimDropsSamplesFirst() {
        let time = Timestamp(secondsSinceEpoch: 1_700_000_000)
        var pending = [
            Event(ts: time, kind: .alert, text: "pool saturated"),
            Event(ts: time, kind: .pool), Event(ts: time, kind: .health), Event(ts: time, kind: .pool),
            Event(ts: time, kind: .note, text: "back below"),
        ]
        #expect(JournalBatcher.trim(&pending, to: 3) == 2)
        #expect(pending.map(\.kind) == [.alert, .pool, .note])
        #expect(JournalBatcher.trim(&pending, to: 1) == 2)
        #expect(pending.map(\.kind) == [.note], "with no samples left, the oldest go")
    }

    @Test("a journal that stays unwritable is retried until close gives up, which says how many were lost")
    func closeReportsWhatWasLost() async {
        let logged = Mutex<[String]>([])
        let batcher = JournalBatcher(store: FileJournal(path: NSTemporaryDirectory() + "no-such-folder-\(UUID())/j.jsonl"),
                                     log: { line in logged.withLock { $0.append(line) } })
        batcher.submit([Event(ts: Timestamp(secondsSinceEpoch: 1_700_000_000), kind: .note, text: "x")])
        // Waited on, not timed: on a loaded machine the retry may come late, but it must come. A
        // full test run keeps both of the test pool's threads busy for its first 20-30 s.
        #expect(await eventually(seconds: 60) { logged.withLock { $0.count } >= 2 }, "tried more than once")
        #expect(await batcher.close(timeout: .milliseconds(500)) == 1)
    }
}
