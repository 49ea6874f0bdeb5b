import Foundation
import Synchronization
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

    // MARK: Playing into a journal

    @Test func playingFastWritesEveryEventChainedAndInTimeOrder() throws {
        let folder = TemporaryFolder()
        let journal = FileJournal(path: folder.file("demo.jsonl"))
        let speed = 500.0
        let player = ScenarioPlayer(scenario: seed, store: journal, speed: speed)
        let began = Timestamp.now()
        player.start()
        #expect(waitUntilFinished(player, seconds: 10))

        #expect(player.failure == nil)
        #expect(player.playedSteps == seed.steps.count)
        let (events, bad) = try readAll(journal)
        #expect(bad.isEmpty)
        #expect(events.map(\.kind) == seed.steps.map(\.event.kind))
        #expect(try JournalVerifier(path: journal.path).verify().isIntact)
        let times = events.map(\.ts)
        #expect(times == times.sorted())
        #expect(times.first! >= began)
        // Never early: the last step cannot be written before its time (first write's lag allowed).
        #expect(times.first!.seconds(until: times.last!) >= seed.duration / speed * 0.8)
        let declare = try #require(events.first { $0.kind == .declare })
        #expect(try #require(declare.started) < declare.ts)
    }

    @Test func stopHalfwayStopsAtOnceAndWritesNothingMore() throws {
        let folder = TemporaryFolder()
        let journal = FileJournal(path: folder.file("demo.jsonl"))
        // Slow enough that steps are ~50 ms apart: stop() then mostly lands between two appends
        // rather than in one, whose fsync may stall on a busy disk (other tests write at once).
        let player = ScenarioPlayer(scenario: seed, store: journal, speed: 20)
        player.start()
        #expect(waitUntil(seconds: 15) { player.playedSteps >= seed.steps.count / 2 })

        let stopping = Date()
        player.stop()
        #expect(Date().timeIntervalSince(stopping) < 0.5)
        #expect(player.isFinished)
        let written = folder.lines("demo.jsonl").count
        #expect(written == player.playedSteps && written < seed.steps.count)
        Thread.sleep(forTimeInterval: 0.1)
        #expect(folder.lines("demo.jsonl").count == written)
        #expect(try JournalVerifier(path: journal.path).verify().isIntact)

        player.stop()  // idempotent
        player.start()  // a stopped player does not start again
        Thread.sleep(forTimeInterval: 0.05)
        #expect(folder.lines("demo.jsonl").count == written)
    }

    @Test func stopWakesAPlayerWaitingForALongWay() {
        let folder = TemporaryFolder()
        let note = Event(ts: Timestamp(microseconds: 0), kind: .note, actor: "alice", text: "one")
        let scenario = DemoScenario(steps: [.init(offset: 0, event: note), .init(offset: 600, event: note)])
        let player = ScenarioPlayer(scenario: scenario, store: FileJournal(path: folder.file("demo.jsonl")))
        player.start()
        #expect(waitUntil(seconds: 5) { player.playedSteps == 1 })
        #expect(!player.isFinished)

        let stopping = Date()
        player.stop()
        #expect(Date().timeIntervalSince(stopping) < 0.5)
        #expect(player.isFinished && player.playedSteps == 1)
    }

    @Test func aStopBeforeStartMeansNothingIsWritten() {
        let folder = TemporaryFolder()
        let player = ScenarioPlayer(scenario: seed, store: FileJournal(path: folder.file("demo.jsonl")), speed: 500)
        player.stop()
        player.start()
        #expect(player.isFinished)
        Thread.sleep(forTimeInterval: 0.05)
        #expect(!FileManager.default.fileExists(atPath: folder.file("demo.jsonl")))
    }

    @Test func aFailedAppendEndsPlaybackAndIsReportedOnce() {
        let folder = TemporaryFolder()
        let path = folder.file("missing-folder/demo.jsonl")
        let player = ScenarioPlayer(scenario: seed, store: FileJournal(path: path), speed: 500)
        let reported = Mutex<[JournalError]>([])
        player.onError = { error in
            reported.withLock { $0.append(error) }
            player.stop()  // from the player's own thread: must not deadlock
        }
        player.start()
        #expect(waitUntil(seconds: 5) { reported.withLock { !$0.isEmpty } })
        #expect(player.isFinished && player.playedSteps == 0)
        guard case .cannotOpen(let failedPath, _) = player.failure else {
            Issue.record("expected cannotOpen, got \(String(describing: player.failure))")
            return
        }
        #expect(failedPath == path)
        Thread.sleep(forTimeInterval: 0.05)
        #expect(reported.withLock { $0.count } == 1)
    }

    @Test func aClockSetBackDoesNotSendTsBackwards() throws {
        let folder = TemporaryFolder()
        let journal = FileJournal(path: folder.file("demo.jsonl"))
        let ticks = Atomic<Int64>(0)
        // Each reading a second earlier than the one before.
        let clock: @Sendable () -> Timestamp = {
            let tick = ticks.wrappingAdd(1, ordering: .relaxed).oldValue
            return Timestamp(microseconds: 1_700_000_000_000_000 - tick * 1_000_000)
        }
        let player = ScenarioPlayer(scenario: seed, store: journal, speed: 1000, clock: clock)
        player.start()
        #expect(waitUntilFinished(player, seconds: 10))
        let times = try readAll(journal).events.map(\.ts)
        #expect(times.count == seed.steps.count)
        #expect(Set(times) == [Timestamp(microseconds: 1_700_000_000_000_000)])
    }
}

private func waitUntilFinished(_ player: ScenarioPlayer, seconds: Double) -> Bool {
    waitUntil(seconds: seconds) { player.isFinished }
}

/// Polls `condition` every few milliseconds for at most `seconds`.
private func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while !condition() {
        if Date() > deadline { return false }
        Thread.sleep(forTimeInterval: 0.005)
    }
    return true
}
