import Testing
@testable import IncidentCore

/// The fold of a journal whose earlier samples were left out (a long journal's first read): a
/// service's or pool's first sample says how it stands, never that it changed, and nothing is said
/// about how long it has stood so.
@Suite struct SamplesMidwayTests {
    func health(_ ts: String, _ service: String, _ state: String) -> Event {
        event(ts, .health, actor: "collector") { $0.service = service; $0.state = state }
    }

    func pool(_ ts: String, inUse: Int, waiting: Int = 0) -> Event {
        event(ts, .pool, actor: "collector") { $0.pool = "primary"; $0.inUse = inUse; $0.max = 50; $0.waiting = waiting }
    }

    func midway(_ events: [Event]) -> IncidentState {
        var state = IncidentState()
        state.startSamplesMidway()
        for (index, event) in events.enumerated() { state.apply(event, line: index + 100) }
        return state
    }

    @Test func aServiceFirstSeenDownMarksNoChangeAndMayHaveBeenDownLonger() {
        let state = midway([health("2023-06-01T10:00:00Z", "db", "down")])
        #expect(state.timeline.isEmpty)
        #expect(state.services.first?.state == "down")
        #expect(state.services.first?.sinceMayBeEarlier == true)
        // Read from the start, the same sample is a change.
        #expect(fold([health("2023-06-01T10:00:00Z", "db", "down")]).timeline.map(\.text) == ["db: down"])
    }

    @Test func aChangeSeenAfterTheFirstSampleIsMarkedAndItsTimeIsKnown() {
        let state = midway([health("2023-06-01T10:00:00Z", "db", "down"), health("2023-06-01T10:05:00Z", "db", "up")])
        #expect(state.timeline.map(\.text) == ["db: down → up"])
        #expect(state.services.first?.sinceMayBeEarlier == false)
        #expect(state.services.first?.since == time("2023-06-01T10:05:00Z"))
    }

    /// An episode under way at the first sample began earlier: its end would give a wrong length.
    @Test func aPoolSaturatedAtItsFirstSampleMarksNeitherItsStartNorItsEnd() {
        let state = midway([
            pool("2023-06-01T10:00:00Z", inUse: 50, waiting: 3),
            pool("2023-06-01T10:01:00Z", inUse: 50, waiting: 5),
            pool("2023-06-01T10:02:00Z", inUse: 10),
        ])
        #expect(state.timeline.isEmpty)
        #expect(state.pools.first?.isSaturated == false)
        #expect(state.pools.first?.saturatedSinceMayBeEarlier == false)
    }

    @Test func aPoolSaturatedAtItsFirstSampleIsSaturatedSinceThenOrEarlier() {
        let state = midway([pool("2023-06-01T10:00:00Z", inUse: 50, waiting: 3)])
        #expect(state.pools.first?.isSaturated == true)
        #expect(state.pools.first?.saturatedSinceMayBeEarlier == true)
    }

    @Test func anEpisodeThatBeginsAfterTheFirstSampleIsToldWhole() {
        let state = midway([
            pool("2023-06-01T10:00:00Z", inUse: 10),
            pool("2023-06-01T10:01:00Z", inUse: 50, waiting: 2),
            pool("2023-06-01T10:03:00Z", inUse: 10),
        ])
        #expect(state.timeline.count == 2)
        #expect(state.timeline.last?.text.hasSuffix("after 2m") == true)
    }
}
