import Testing
@testable import IncidentCore

@Suite struct IncidentStateTests {
    @Test func declarationStatusSeverityAndRoles() {
        let state = fold([
            event("2023-06-01T09:20:00Z", .declare) {
                $0.title = "Web application outage"; $0.severity = "SEV2"; $0.impact = "All users"
                $0.started = time("2023-06-01T09:00:00Z")
            },
            event("2023-06-01T09:40:00Z", .severity) { $0.severity = "SEV1" },
            event("2023-06-01T10:00:00Z", .status) { $0.state = "identified" },
            event("2023-06-01T10:05:00Z", .role) { $0.role = "commander"; $0.who = "carol" },
            event("2023-06-01T10:06:00Z", .role) { $0.role = "comms"; $0.who = "dan" },
        ])
        #expect(state.title == "Web application outage")
        #expect(state.severity == "SEV1")
        #expect(state.status == "identified")
        #expect(state.statusSince == time("2023-06-01T10:00:00Z"))
        #expect(state.commander == "carol")
        #expect(state.role("comms") == "dan")
        #expect(state.milestones.impactStart == time("2023-06-01T09:00:00Z"))
    }

    @Test func theDeclarerCommandsUntilARoleSaysOtherwise() {
        let state = fold([event("2023-06-01T09:20:00Z", .declare) { $0.title = "x"; $0.severity = "SEV1" }])
        #expect(state.commander == "alice")
        #expect(state.status == "investigating")
    }

    @Test func aBackdatedStatusDoesNotOverrideANewerOne() {
        let state = fold([
            event("2023-06-01T10:00:00Z", .status) { $0.state = "monitoring" },
            event("2023-06-01T09:30:00Z", .status) { $0.state = "identified" },
        ])
        #expect(state.status == "monitoring")
        #expect(state.timeline.map(\.ts) == [time("2023-06-01T09:30:00Z"), time("2023-06-01T10:00:00Z")])
    }

    @Test func healthChangesBecomeTimelineMarkers() {
        let state = fold([
            event("2023-06-01T09:00:00Z", .health, actor: "collector") { $0.service = "api"; $0.state = "up"; $0.latencyMs = 40 },
            event("2023-06-01T09:00:05Z", .health, actor: "collector") { $0.service = "api"; $0.state = "up"; $0.latencyMs = 45 },
            event("2023-06-01T09:14:00Z", .health, actor: "collector", text: "connection refused") {
                $0.service = "api"; $0.state = "down"
            },
            event("2023-06-01T09:15:00Z", .health, actor: "collector") { $0.service = "db"; $0.state = "degraded" },
        ])
        #expect(state.services.map(\.name) == ["api", "db"])
        #expect(state.services[0].state == "down")
        #expect(state.services[0].since == time("2023-06-01T09:14:00Z"))
        #expect(state.timeline.map(\.text) == ["api: up → down (connection refused)", "db: degraded"])
        #expect(state.timeline.allSatisfy { $0.kind == .serviceChange })
    }

    @Test func poolSaturationEpisodesAreMarkedAndMeasured() {
        func sample(_ ts: String, _ inUse: Int, waiting: Int = 0) -> Event {
            event(ts, .pool, actor: "collector") { $0.pool = "primary"; $0.inUse = inUse; $0.max = 50; $0.waiting = waiting }
        }
        let state = fold([
            sample("2023-06-01T09:00:00Z", 10),
            sample("2023-06-01T09:10:00Z", 44),
            sample("2023-06-01T09:15:00Z", 50, waiting: 37),
            sample("2023-06-01T10:00:00Z", 50, waiting: 12),
            sample("2023-06-01T12:15:00Z", 20),
        ], options: FoldOptions(poolHistoryLimit: 3))
        let pool = state.pools[0]
        #expect(pool.inUse == 20 && pool.max == 50)
        #expect(!pool.isSaturated)
        #expect(pool.episodes == 1)
        #expect(pool.saturatedSecondsEnded == 3 * 3600)
        #expect(pool.peakWaiting == 37)
        #expect(pool.peak == PoolPoint(ts: time("2023-06-01T09:15:00Z"), inUse: 50, max: 50, waiting: 37))
        #expect(pool.history.map(\.inUse) == [50, 50, 20], "bounded history keeps the newest, oldest first")
        #expect(state.timeline.map(\.text) == [
            "primary: saturated 50/50 in use (100%), 37 waiting",
            "primary: back below saturation 20/50 in use (40%) after 3h",
        ])
    }

    /// Marker sentences are kept by what they say, and one pool's never stands for another's, nor
    /// one episode's length for another's.
    @Test func repeatedEpisodesOfTwoPoolsEachSayTheirOwnNameAndLength() {
        var events: [Event] = []
        var second = 0
        func sample(_ pool: String, _ inUse: Int, after seconds: Int) {
            second += seconds
            events.append(Event(ts: Timestamp(microseconds: Int64(1_685_610_000 + second) * 1_000_000), kind: .pool, actor: "collector"))
            events[events.count - 1].pool = pool
            events[events.count - 1].inUse = inUse
            events[events.count - 1].max = 50
            events[events.count - 1].waiting = 0
        }
        for (pool, length) in [("a", 5), ("b", 5), ("a", 5), ("a", 7), ("b", 90)] {
            sample(pool, 10, after: 1)
            sample(pool, 50, after: 1)
            sample(pool, 10, after: length)
        }
        #expect(fold(events).timeline.map(\.text) == [
            "a: saturated 50/50 in use (100%)", "a: back below saturation 10/50 in use (20%) after 5s",
            "b: saturated 50/50 in use (100%)", "b: back below saturation 10/50 in use (20%) after 5s",
            "a: saturated 50/50 in use (100%)", "a: back below saturation 10/50 in use (20%) after 5s",
            "a: saturated 50/50 in use (100%)", "a: back below saturation 10/50 in use (20%) after 7s",
            "b: saturated 50/50 in use (100%)", "b: back below saturation 10/50 in use (20%) after 1m 30s",
        ])
    }

    /// The collector that sampled the pool writes its episode's alert and end note; a marker
    /// of the fold's own beside them told the same episode twice, with another duration.
    @Test func samplesFromACollectorThatAlertsGetNoMarkersOfTheirOwn() {
        func sample(_ ts: String, _ inUse: Int, waiting: Int = 0) -> Event {
            event(ts, .pool, actor: "collector") {
                $0.pool = "app"; $0.inUse = inUse; $0.max = 3; $0.waiting = waiting
                $0.extra = [.init(key: Event.alertedByKey, value: .string("collector"))]
            }
        }
        var alert = event("2023-06-01T09:00:01Z", .alert, actor: "collector", text: "pool app saturated: 3/3 in use (100%), 15 waiting")
        alert.pool = "app"
        alert.markAutomated()
        var end = event("2023-06-01T09:00:20Z", .note, actor: "collector", text: "pool app back below saturation after 19s")
        end.markAutomated()
        let state = fold([
            sample("2023-06-01T09:00:00Z", 0),
            sample("2023-06-01T09:00:01Z", 3, waiting: 15), alert,
            sample("2023-06-01T09:00:18Z", 0),
            sample("2023-06-01T09:00:20Z", 0), end,
        ])
        #expect(state.timeline.map(\.text) == [alert.text, end.text], "one opening and one end")
        #expect(state.pools[0].episodes == 1 && !state.pools[0].isSaturated, "the pools pane still follows the samples")
    }

    @Test func clientsQueueingWithConnectionsToSpareLeadTheMarker() {
        let state = fold([
            event("2023-06-01T09:00:00Z", .pool, actor: "collector") { $0.pool = "app"; $0.inUse = 0; $0.max = 3; $0.waiting = 20 },
            event("2023-06-01T09:00:01Z", .pool, actor: "collector") { $0.pool = "app"; $0.inUse = 0; $0.max = 3; $0.waiting = 0 },
            event("2023-06-01T09:00:02Z", .pool, actor: "collector") { $0.pool = "app"; $0.inUse = 1; $0.max = 3; $0.waiting = 1 },
        ])
        #expect(state.timeline.map(\.text) == [
            "app: 20 clients waiting with 0/3 in use (0%)",
            "app: back below saturation 0/3 in use (0%) after 1s",
            "app: 1 client waiting with 1/3 in use (33%)",
        ])
    }

    @Test func aQueueBelowALineAtOneHundredPercentIsNotShownAsFull() {
        let state = fold([
            event("2023-06-01T09:00:00Z", .pool, actor: "collector") { $0.pool = "app"; $0.inUse = 199; $0.max = 200; $0.waiting = 2 },
        ], options: FoldOptions(poolSaturationThreshold: 1.0))
        #expect(state.timeline.map(\.text) == ["app: 2 clients waiting with 199/200 in use (99%)"])
    }

    @Test func amendmentsCorrectTheirEntryWhicheverComesFirst() {
        let state = fold([
            event("2023-06-01T09:10:00Z", .amend, text: "restarted db-2") { $0.ref = "later" },
            event("2023-06-01T09:00:00Z", .note, text: "restarted db-1") { $0.id = "n1" },
            event("2023-06-01T09:05:00Z", .amend, text: "restarted db-1 and db-3") { $0.ref = "n1" },
            event("2023-06-01T09:06:00Z", .note, text: "original") { $0.id = "later" },
        ])
        let n1 = state.timeline.first { $0.id == "n1" }!
        #expect(n1.text == "restarted db-1 and db-3")
        #expect(n1.originalText == "restarted db-1")
        let later = state.timeline.first { $0.id == "later" }!
        #expect(later.text == "restarted db-2")
        #expect(later.isAmended)
        // The amendment that arrived before its target stays visible on its own.
        #expect(state.timeline.contains { $0.kind == .event(.amend) && $0.detail == "of later" })
    }

    @Test func automatedNotesDoNotCountAsAcknowledgement() {
        var collectorNote = event("2023-06-01T09:16:00Z", .note, actor: "collector", text: "pool primary back below saturation")
        collectorNote.markAutomated()
        let state = fold([
            event("2023-06-01T09:15:00Z", .alert, actor: "monitoring", text: "p99 high"),
            collectorNote,
            event("2023-06-01T09:30:00Z", .note, actor: "alice", text: "looking"),
        ])
        #expect(state.milestones.acknowledged == time("2023-06-01T09:30:00Z"))
    }

    @Test func milestonesAreTheEarliestByTime() {
        let state = fold([
            event("2023-06-01T09:20:00Z", .declare) { $0.title = "x"; $0.severity = "SEV1" },
            event("2023-06-01T09:15:00Z", .alert, actor: "monitoring", text: "p99 high"),
            event("2023-06-01T10:15:00Z", .mitigation, text: "restart db") { $0.state = "failed" },
            event("2023-06-01T11:00:00Z", .escalation, text: "no luck") { $0.to = "dba" },
            event("2023-06-01T12:00:00Z", .mitigation, text: "raise pool size"),
            event("2023-06-02T03:00:00Z", .status) { $0.state = "resolved" },
        ])
        let milestones = state.milestones
        #expect(milestones.detected == time("2023-06-01T09:15:00Z"))
        #expect(milestones.impactStart == time("2023-06-01T09:15:00Z"), "no `started`: the earlier of declare and alert")
        #expect(milestones.acknowledged == time("2023-06-01T09:20:00Z"))
        #expect(milestones.escalated == time("2023-06-01T11:00:00Z"))
        #expect(milestones.mitigated == time("2023-06-01T12:00:00Z"), "a failed mitigation does not count")
        #expect(milestones.resolved == time("2023-06-02T03:00:00Z"))
        let times = ResponseTimes(milestones)
        #expect(times.toDetect == 0)
        #expect(times.toAcknowledge == 300)
        #expect(times.toResolve == 63_900, "17h 45m")
    }

    @Test func aDeclarationBeforeAnyAlertIsAnAcknowledgementAtOnce() {
        let state = fold([
            event("2023-06-01T09:00:00Z", .declare) { $0.title = "checkout slow"; $0.severity = "SEV2" },
            event("2023-06-01T09:00:04Z", .alert, actor: "collector", text: "pool app saturated") { $0.markAutomated() },
        ])
        let times = ResponseTimes(state.milestones)
        #expect(times.toDetect == 4)
        #expect(times.toAcknowledge == 0, "people were on it before the alert, not -4s")
    }

    @Test func reopeningClearsResolved() {
        let state = fold([
            event("2023-06-01T10:00:00Z", .status) { $0.state = "resolved" },
            event("2023-06-01T10:30:00Z", .status) { $0.state = "investigating" },
        ])
        #expect(state.milestones.resolved == nil)
    }

    @Test func asOfShowsTheIncidentAsItStoodThen() {
        let events = [
            event("2023-06-01T09:00:00Z", .declare) { $0.title = "x"; $0.severity = "SEV1" },
            event("2023-06-01T10:00:00Z", .status) { $0.state = "identified" },
            event("2023-06-01T11:00:00Z", .status) { $0.state = "resolved" },
        ]
        let then = fold(events, options: FoldOptions(asOf: time("2023-06-01T10:30:00Z")))
        #expect(then.status == "identified")
        #expect(then.eventCount == 2)
        #expect(then.milestones.resolved == nil)
    }

    @Test func applyTellsFollowersWhatArrived() {
        var state = IncidentState()
        let added = state.apply(event("2023-06-01T09:00:00Z", .note, text: "a") { $0.id = "a" }, line: 1)
        #expect(added == .added(state.timeline[0]) && added?.entry.text == "a")
        let amended = state.apply(event("2023-06-01T09:01:00Z", .amend, text: "b") { $0.ref = "a" }, line: 2)
        #expect(amended == .amended(state.timeline[0]))
        #expect(state.apply(event("2023-06-01T09:02:00Z", .health) { $0.service = "x"; $0.state = "up" }, line: 3) == nil)
        let down = state.apply(event("2023-06-01T09:03:00Z", .health) { $0.service = "x"; $0.state = "down" }, line: 4)
        #expect(down == .added(state.timeline[1]), "a service changing state is a marker")
        var summary = IncidentState(options: FoldOptions(keepsTimeline: false))
        #expect(summary.apply(event("2023-06-01T09:00:00Z", .note, text: "a"), line: 1) == nil)
    }
}
