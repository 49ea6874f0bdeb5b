import TestSupport
import Testing
@testable import IncidentCore

@Suite struct SimulationTests {
    private let seed = DemoScenario.seedOutage

    // MARK: The story

    @Test func theSeedOutageFoldsIntoTheStoryItTells() throws {
        let state = fold(seed.steps.map(\.event))
        #expect(state.title == "Web application outage")
        #expect(state.severity == "SEV1")
        #expect(state.commander == "alice")
        #expect(state.role("ops") == "carol")
        #expect(state.incidentStatus == .resolved)

        let pool = try #require(state.pools.first { $0.name == "primary" })
        let peak = try #require(pool.peak)
        #expect(peak.inUse == 50 && peak.max == 50 && peak.waiting > 0, "never saturated with clients waiting")
        #expect(!pool.isSaturated && pool.max == 200 && (pool.waiting ?? 0) == 0)

        let web = try #require(state.services.first { $0.name == "web" })
        #expect(web.secondsEndedByState["down", default: 0] > 0 && web.secondsEndedByState["degraded", default: 0] > 0)
        #expect(state.services.map(\.name).sorted() == ["api", "db", "web"])
        #expect(state.services.allSatisfy { $0.health == .up })

        let kinds = state.timeline.map(\.kind)
        #expect(kinds.contains(.event(.escalation)) && kinds.contains(.event(.cause)) && kinds.contains(.event(.task)))
        let mitigations = state.timeline.filter { $0.kind == .event(.mitigation) }.map(\.detail)
        #expect(mitigations == ["started", "failed", "applied"])
    }

    @Test func milestonesComeInTheOrderOfTheOutage() throws {
        let milestones = fold(seed.steps.map(\.event)).milestones
        let order = try [
            milestones.reportedStart, milestones.detected, milestones.declared, milestones.escalated,
            milestones.mitigated, milestones.resolved,
        ].map { try #require($0) }
        #expect(order == order.sorted() && Set(order).count == order.count, "\(order.map(\.secondsSinceEpoch))")
        #expect(milestones.acknowledged == milestones.declared)
    }

    @Test func stepsAreOrderedAndTheDemoFitsInAFewMinutes() {
        let offsets = seed.steps.map(\.offset)
        #expect(offsets == offsets.sorted())
        #expect(offsets.first == 0)
        #expect((150...240).contains(seed.duration))
        #expect((100...400).contains(seed.steps.count), "\(seed.steps.count) lines")
        #expect(seed.steps.allSatisfy { $0.event.ts == Timestamp(secondsSinceEpoch: $0.offset) })
        let actors = Set(seed.steps.compactMap(\.event.actor))
        #expect(actors == ["alice", "bob", "carol", "monitoring", "collector"])
    }

    /// Someone watching must have time to read one entry before the next and to add their own.
    @Test func peopleWriteSparselyAndSamplesKeepComing() {
        let people = seed.steps.filter { !$0.event.kind.isSample }.map(\.offset)
        for offset in people {
            #expect(people.filter { (offset..<offset + 10).contains($0) }.count <= 2, "crowded at \(offset) s")
        }
        let samples = seed.steps.filter(\.event.kind.isSample).map(\.offset)
        #expect(samples.count > 4 * people.count)
        let longestQuiet = zip(samples, samples.dropFirst()).map { $1 - $0 }.max() ?? 0
        #expect(longestQuiet <= 5)
    }

    @Test func playingMovesStartedAlongWithTs() throws {
        let declare = try #require(seed.steps.first { $0.event.kind == .declare })
        let lead = try #require(declare.event.started).seconds(until: declare.event.ts)
        let now = Timestamp(secondsSinceEpoch: 1_700_000_000)
        let played = declare.event(playedAt: now, speed: 4)
        #expect(played.ts == now)
        #expect(played.started == now.adding(seconds: -lead / 4))
    }
}
