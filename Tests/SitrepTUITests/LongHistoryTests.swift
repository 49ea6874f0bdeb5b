import Foundation
@testable import IncidentCore
import TestSupport
import Testing
@testable import SitrepTUI

/// A long journal on the dashboard: its first read shows the last stretch and every entry people
/// wrote; the whole history, folded meanwhile, then takes its place, and what was appended in
/// between is not lost. The end state is the one a plain fold of the file gives.
@Suite struct LongHistoryTests {
    let folder = TemporaryFolder()
    var path: String { folder.file("long.jsonl") }

    func start(tailBytes: Int64) throws -> (DashboardController, any JournalFollowing) {
        let store = FileJournal(path: path)
        let controller = DashboardController(store: store, settings: DashboardSettings(actor: "zoe"),
                                             clock: { DashboardFixture.now })
        let follower = try store.follow(previewingLongHistory: true)
        try #require(follower as? FileJournalFollower).longHistory = (threshold: 0, tailBytes: tailBytes)
        controller.ingest(follower.readAvailable())
        return (controller, follower)
    }

    func waitForHistory(_ controller: DashboardController) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while controller.isReadingHistory {
            _ = controller.takeHistory()
            try #require(ContinuousClock.now < deadline, "the history fold took over 30 s")
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    static func summary(_ state: IncidentState) -> [String] {
        state.timeline.map { "\($0.line) \($0.kind.name) \($0.text)" }
            + state.services.map { "\($0.name) \($0.state) since \($0.since.microseconds) \($0.impairedEpisodes)" }
            + state.pools.map { "\($0.name) \($0.inUse)/\($0.max) \($0.history.count) \($0.episodes)" }
            + ["\(state.status ?? "-") \(state.commander ?? "-") \(state.eventCount)"]
    }

    @Test func theWholeHistoryTakesTheFirstReadsPlaceWithLaterAppendsKept() async throws {
        LongJournal.write(to: path, lines: 3_000)
        let (controller, follower) = try start(tailBytes: 8_000)
        #expect(controller.isReadingHistory)
        #expect(controller.state.samplesStartMidway)
        let header = DashboardView.render(controller.frame(), width: 160, height: 40).lines().joined(separator: "\n")
        #expect(header.contains("reading earlier samples"), "\(header)")
        // The last stretch's bad line is reported at once; the early one waits for the whole read.
        #expect(controller.ui.message?.text.contains("long.jsonl:2991") == true)
        let first = controller.state
        #expect(first.timeline.contains { $0.text == "note 2970" } && first.timeline.contains { $0.text == "note 20" })
        #expect(first.status == "identified" && first.commander == "carol")

        folder.append("long.jsonl", #"{"ts":"2023-06-01T12:00:00Z","kind":"note","actor":"eve","text":"appended meanwhile"}"# + "\n")
        controller.ingest(follower.readAvailable())
        try await waitForHistory(controller)

        let whole = try IncidentState.fold(FileJournal(path: path))
        #expect(!controller.state.samplesStartMidway)
        #expect(Self.summary(controller.state) == Self.summary(whole))
        #expect(controller.state.timeline.last?.text == "appended meanwhile")
        #expect(controller.ui.message?.text.contains("long.jsonl:10") == true, "\(String(describing: controller.ui.message))")
        let after = DashboardView.render(controller.frame(), width: 160, height: 40).lines().joined(separator: "\n")
        #expect(!after.contains("reading earlier samples"), "\(after)")
    }

    /// While the history is read, a service that was already down says it may have been so longer.
    @Test func aServiceDownSinceBeforeTheLastStretchSaysSoUntilTheHistoryIsRead() async throws {
        var lines = [#"{"ts":"2023-06-01T09:00:00Z","kind":"health","service":"db","state":"down","actor":"collector"}"#]
        for minute in 1..<400 {
            let ts = String(format: "2023-06-01T%02d:%02d:00Z", 9 + minute / 60, minute % 60)
            lines.append(#"{"ts":"\#(ts)","kind":"health","service":"db","state":"down","actor":"collector"}"#)
        }
        folder.write("long.jsonl", lines.joined(separator: "\n") + "\n")
        let (controller, _) = try start(tailBytes: 2_000)
        let now = RFC3339.parse("2023-06-01T15:40:00Z")!
        let during = DashboardView.render(controller.frame(now: now), width: 120, height: 30).lines().joined(separator: "\n")
        #expect(during.contains("≤"), "\(during)")
        try await waitForHistory(controller)
        let after = DashboardView.render(controller.frame(now: now), width: 120, height: 30).lines().joined(separator: "\n")
        #expect(after.contains("09:00 (6h 40m)") && !after.contains("≤"), "\(after)")
    }
}
