import IncidentCore
import Testing
@testable import SitrepCollect

@Suite("Alert episodes: one alert per episode (one more when a pool's queue forms), hysteresis so nothing flaps")
struct AlertEpisodeTests {
    private func at(_ second: Int) -> Timestamp { Timestamp(secondsSinceEpoch: 1_700_000_000 + Double(second)) }

    /// Feeds readings one a second and says what each produced: "began", "ended" or "-".
    private func run(_ readings: [PoolReading], rules: AlertRules = AlertRules()) -> [String] {
        var episodes = PoolEpisodes(rules: rules)
        return readings.enumerated().map { second, reading in
            switch episodes.observe(reading, at: at(second)) {
            case .began?: "began"
            case .queueFormed?: "queue"
            case .ended?: "ended"
            case nil: "-"
            }
        }
    }

    @Test("a pool hovering at the line opens one episode, not one per sample")
    func hoveringDoesNotFlap() {
        let ratios = [5, 9, 8, 9, 8, 9, 8, 9]  // out of 10: 90% is the line
        let changes = run(ratios.map { PoolReading(inUse: $0, max: 10) })
        #expect(changes == ["-", "began", "-", "-", "-", "-", "-", "-"])
    }

    @Test("the episode ends after three clear samples in a row, below the line by the margin")
    func endsAfterClearSamples() {
        let inUse = [10, 10, 7, 7, 8, 7, 7, 7, 7]  // 80% is not clear (margin 0.1), so it restarts the count
        let changes = run(inUse.map { PoolReading(inUse: $0, max: 10, waiting: 0) })
        #expect(changes == ["began", "-", "-", "-", "-", "-", "-", "ended", "-"])
    }

    @Test("clients waiting open an episode whatever the ratio, and keep it open")
    func waitingOpensAndHolds() {
        let readings = [
            PoolReading(inUse: 2, max: 10, waiting: 0),
            PoolReading(inUse: 2, max: 10, waiting: 4),
            PoolReading(inUse: 2, max: 10, waiting: 0),
            PoolReading(inUse: 2, max: 10, waiting: 1),
            PoolReading(inUse: 2, max: 10, waiting: 0),
            PoolReading(inUse: 2, max: 10, waiting: 0),
            PoolReading(inUse: 2, max: 10, waiting: 0),
        ]
        #expect(run(readings) == ["-", "began", "-", "-", "-", "-", "ended"])
    }

    @Test("an episode that opened on a full pool turns critical once, when clients start to queue")
    func queueFormingEscalatesOnce() throws {
        let readings = [
            PoolReading(inUse: 3, max: 3, waiting: 0),
            PoolReading(inUse: 3, max: 3, waiting: 0),
            PoolReading(inUse: 3, max: 3, waiting: 5),
            PoolReading(inUse: 3, max: 3, waiting: 0),
            PoolReading(inUse: 3, max: 3, waiting: 9),
        ]
        #expect(run(readings) == ["began", "-", "queue", "-", "-"])

        var episodes = PoolEpisodes(rules: AlertRules())
        _ = episodes.observe(readings[0], at: at(0))
        #expect(episodes.observe(readings[2], at: at(1)) == .queueFormed)
        let alert = CollectorEvents(actor: "collector").poolQueueFormed("app", readings[2], at: at(1))
        #expect(alert.text == "pool app now has 5 clients waiting with 3/3 in use (100%)")
        #expect(alert.level == "critical" && alert.pool == "app" && alert.isAutomated)
    }

    @Test("with pool_waiting above 1, a short queue warns and the escalation waits for the threshold")
    func escalationFollowsPoolWaiting() {
        var rules = AlertRules()
        rules.poolWaiting = 5
        let readings = [
            PoolReading(inUse: 3, max: 3, waiting: 2),
            PoolReading(inUse: 3, max: 3, waiting: 4),
            PoolReading(inUse: 3, max: 3, waiting: 5),
            PoolReading(inUse: 0, max: 3, waiting: 4),  // not clear: 4 still wait, though under the line
        ]
        #expect(run(readings, rules: rules) == ["began", "-", "queue", "-"])
        let opening = CollectorEvents(actor: "collector").poolSaturated("app", readings[0], rules: rules, at: at(0))
        #expect(opening.level == "warning" && opening.text == "pool app saturated: 3/3 in use (100%), 2 waiting")
    }

    @Test("an episode that ends and reopens can escalate again")
    func reopenedEpisodeEscalatesAgain() {
        let full = PoolReading(inUse: 3, max: 3, waiting: 0)
        let queued = PoolReading(inUse: 3, max: 3, waiting: 4)
        let idle = PoolReading(inUse: 0, max: 3, waiting: 0)
        #expect(run([full, queued, idle, idle, idle, full, queued, queued])
                == ["began", "queue", "-", "-", "ended", "began", "queue", "-"])
    }

    @Test("spare connections are never shown as 100%: the queue's usage is rounded down")
    func queueUsageRoundsDown() {
        var rules = AlertRules()
        rules.poolSaturation = 1.0
        let alert = CollectorEvents(actor: "collector").poolSaturated("app", PoolReading(inUse: 199, max: 200, waiting: 2), rules: rules, at: at(0))
        #expect(alert.text == "pool app has 2 clients waiting with 199/200 in use (99%)")
    }

    @Test("the end of an episode carries its length and its peaks")
    func episodeRecordsPeaks() throws {
        var episodes = PoolEpisodes(rules: AlertRules())
        _ = episodes.observe(PoolReading(inUse: 3, max: 3, waiting: 5), at: at(0))
        _ = episodes.observe(PoolReading(inUse: 3, max: 3, waiting: 17), at: at(10))
        for second in [20, 21] { _ = episodes.observe(PoolReading(inUse: 0, max: 3, waiting: 0), at: at(second)) }
        let change = episodes.observe(PoolReading(inUse: 0, max: 3, waiting: 0), at: at(22))
        guard case .ended(let episode, let end) = change else { Issue.record("expected the end, got \(String(describing: change))"); return }
        #expect(episode.peakWaiting == 17 && episode.peakInUse == 3)
        let note = CollectorEvents(actor: "collector").poolRecovered("app", episode, at: end)
        #expect(note.text == "pool app back below saturation after 22s; peak 3/3 in use, 17 waiting")
        #expect(note.isAutomated)
    }

    @Test("the alert says what opened the episode: a full pool, or clients queueing with connections to spare")
    func alertTextLeadsWithTheCause() {
        let events = CollectorEvents(actor: "collector")
        let rules = AlertRules()
        let full = events.poolSaturated("app", PoolReading(inUse: 3, max: 3, waiting: 15), rules: rules, at: at(0))
        #expect(full.text == "pool app saturated: 3/3 in use (100%), 15 waiting")
        #expect(full.level == "critical")
        let fullNoQueue = events.poolSaturated("app", PoolReading(inUse: 9, max: 10, waiting: 0), rules: rules, at: at(0))
        #expect(fullNoQueue.text == "pool app saturated: 9/10 in use (90%)")
        #expect(fullNoQueue.level == "warning")
        let cold = events.poolSaturated("app", PoolReading(inUse: 0, max: 3, waiting: 18), rules: rules, at: at(0))
        #expect(cold.text == "pool app has 18 clients waiting with 0/3 in use (0%)")
        #expect(cold.level == "critical")
        let one = events.poolSaturated("app", PoolReading(inUse: 2, max: 10, waiting: 1), rules: rules, at: at(0))
        #expect(one.text == "pool app has 1 client waiting with 2/10 in use (20%)")
    }

    @Test("a service down opens one alert; flapping back up once does not end it")
    func serviceEpisodes() {
        var episodes = ServiceEpisodes(rules: AlertRules())
        let states: [HealthSample.State] = [.up, .down, .down, .up, .down, .up, .degraded, .up, .up]
        let changes = states.enumerated().map { second, state -> String in
            switch episodes.observe(HealthSample(state: state, reason: state == .down ? "HTTP 503" : nil), at: at(second)) {
            case .wentDown?: "down"
            case .recovered?: "recovered"
            case nil: "-"
            }
        }
        #expect(changes == ["-", "down", "-", "-", "-", "-", "-", "recovered", "-"])
    }
}

@Suite("Sample throttle: changes at once, the same figures only at the heartbeat")
struct SampleThrottleTests {
    @Test("unchanged pool readings wait for the heartbeat; any change goes at once")
    func poolHeartbeat() {
        var throttle = SampleThrottle<PoolReading>(heartbeat: .seconds(30), differs: PoolReading.differs)
        let same = PoolReading(inUse: 2, max: 10)
        let written = [0, 5, 10, 29, 30, 31].map { second in
            throttle.shouldWrite(same, at: Timestamp(secondsSinceEpoch: Double(second)))
        }
        #expect(written == [true, false, false, false, true, false])
        let changed = throttle.shouldWrite(PoolReading(inUse: 2, max: 10, waiting: 1), at: Timestamp(secondsSinceEpoch: 32))
        #expect(changed)
    }

    @Test("health latency wobbles wait; a real move, a new state or a new reason do not")
    func healthChanges() {
        let base = HealthSample(state: .up, latencyMilliseconds: 100)
        #expect(!HealthSample.differs(base, HealthSample(state: .up, latencyMilliseconds: 115)))
        #expect(HealthSample.differs(base, HealthSample(state: .up, latencyMilliseconds: 140)))
        #expect(!HealthSample.differs(HealthSample(state: .up, latencyMilliseconds: 4), HealthSample(state: .up, latencyMilliseconds: 9)))
        #expect(HealthSample.differs(base, HealthSample(state: .degraded, latencyMilliseconds: 100, reason: "slow")))
        #expect(HealthSample.differs(HealthSample(state: .down, reason: "HTTP 503"), HealthSample(state: .down, reason: "connection refused")))
    }
}
