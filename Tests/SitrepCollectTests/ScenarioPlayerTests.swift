import Foundation
import Synchronization
import TestSupport
import Testing
import IncidentCore
@testable import SitrepCollect

@Suite struct ScenarioPlayerTests {
    private let seed = DemoScenario.seedOutage

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
        // Steps ~50 ms apart. stop() may land in an append, whose fsync may stall on a busy disk
        // (other tests write at once): the time bound counts only what follows that append.
        let timed = TimedJournal(journal)
        let player = ScenarioPlayer(scenario: seed, store: timed, speed: 20)
        player.start()
        #expect(eventually(seconds: 15, every: 0.005) { player.playedSteps >= seed.steps.count / 2 })

        let stopping = ContinuousClock.now
        player.stop()
        #expect(ContinuousClock.now - timed.afterAnyAppend(since: stopping) < .milliseconds(500))
        #expect(player.isFinished)
        let written = folder.lines("demo.jsonl").count
        #expect(written == player.playedSteps && written < seed.steps.count)
        // Nothing marks "no more appends" to wait on; a running player would have written two
        // steps in this time.
        Thread.sleep(forTimeInterval: 0.1)
        #expect(folder.lines("demo.jsonl").count == written)
        #expect(try JournalVerifier(path: journal.path).verify().isIntact)

        player.stop()  // idempotent
        player.start()  // a stopped player does not start again
        Thread.sleep(forTimeInterval: 0.05)  // as above: a started player would have written its next step
        #expect(folder.lines("demo.jsonl").count == written)
    }

    @Test func stopWakesAPlayerWaitingForALongWay() {
        let folder = TemporaryFolder()
        let note = Event(ts: Timestamp(microseconds: 0), kind: .note, actor: "alice", text: "one")
        let scenario = DemoScenario(steps: [.init(offset: 0, event: note), .init(offset: 600, event: note)])
        let player = ScenarioPlayer(scenario: scenario, store: FileJournal(path: folder.file("demo.jsonl")))
        player.start()
        #expect(eventually(seconds: 5, every: 0.005) { player.playedSteps == 1 })
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
        // Nothing to wait on but time: at speed 500 a player that started would have written by then.
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
        #expect(eventually(seconds: 5, every: 0.005) { reported.withLock { !$0.isEmpty } })
        #expect(player.isFinished && player.playedSteps == 0)
        guard case .cannotOpen(let failedPath, _) = player.failure else {
            Issue.record("expected cannotOpen, got \(String(describing: player.failure))")
            return
        }
        #expect(failedPath == path)
        // A second report would come from the same thread right after the first; no event marks
        // that it will not, so the test gives it time.
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

    @Test("a step years away at a slow speed is simply not due: the player starts and stops without trapping")
    func aFarStepDoesNotTrap() throws {
        let folder = TemporaryFolder()
        let journal = FileJournal(path: folder.file("far.jsonl"))
        let far = DemoScenario(steps: [.init(offset: 1e12, event: Event(ts: .now(), kind: .note, actor: "x", text: "later"))])
        let player = ScenarioPlayer(scenario: far, store: journal, speed: 0.001)
        player.start()
        player.stop()
        #expect(player.isFinished && player.playedSteps == 0)
    }
}

private func waitUntilFinished(_ player: ScenarioPlayer, seconds: Double) -> Bool {
    eventually(seconds: seconds, every: 0.005) { player.isFinished }
}
