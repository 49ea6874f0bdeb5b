import Testing
@testable import IncidentCore

/// The revision tells what was derived from a timeline's first entries whether it still holds:
/// it stays while entries are only added at the end, and changes with any other edit.
@Suite struct TimelineRevisionTests {
    @Test func entriesAddedAtTheEndKeepTheRevision() {
        var state = IncidentState()
        state.apply(event("2023-06-01T09:00:00Z", .note, text: "first"), line: 1)
        let revision = state.timelineRevision
        state.apply(event("2023-06-01T09:01:00Z", .note, text: "second"), line: 2)
        state.apply(event("2023-06-01T09:01:00Z", .mitigation, text: "same second"), line: 3)
        #expect(state.timeline.count == 3)
        #expect(state.timelineRevision == revision)
    }

    @Test func anAmendmentOrAnEntryBeforeTheLastTakesANewRevision() {
        var state = IncidentState()
        state.apply(event("2023-06-01T09:00:00Z", .note, text: "restarted db-1") { $0.id = "n1" }, line: 1)
        state.apply(event("2023-06-01T09:05:00Z", .note, text: "later"), line: 2)
        let beforeAmendment = state.timelineRevision
        state.apply(event("2023-06-01T09:06:00Z", .amend, text: "restarted db-2") { $0.ref = "n1" }, line: 3)
        #expect(state.timelineRevision != beforeAmendment)
        let beforeBackdated = state.timelineRevision
        state.apply(event("2023-06-01T09:02:00Z", .note, text: "backdated"), line: 4)
        #expect(state.timelineRevision != beforeBackdated)
        #expect(state.timeline.map(\.text) == ["restarted db-2", "backdated", "later"])
    }

    @Test func everyNewTimelineHasARevisionOfItsOwn() {
        #expect(IncidentState().timelineRevision != IncidentState().timelineRevision)
        #expect(TimelineRevision.fresh() != TimelineRevision.fresh())
    }
}
