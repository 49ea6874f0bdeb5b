import Foundation
@testable import IncidentCore
import TestSupport
import Testing
@testable import SitrepTUI

/// Replay of a long journal opens on a preview while the recording is indexed behind it, at a
/// lower priority: the clock waits, keys that move it say why, and the indexed recording then
/// shows what a replay indexed first would have shown at the same moment.
@Suite struct ReplayPreviewSessionTests {
    let folder = TemporaryFolder()
    var path: String { folder.file("long.jsonl") }

    func screen(_ session: ReplaySession) -> String {
        session.noteLayout(width: 160, height: 40)
        return DashboardView.render(session.frame(), width: 160, height: 40).lines().joined(separator: "\n")
    }

    @Test func theIndexedRecordingTakesThePreviewsPlaceAtTheSameMoment() async throws {
        LongJournal.write(to: path, lines: 3_000)
        let moment = Timestamp(microseconds: 1_685_610_000_000_000 + 2_500 * 500_000)
        let options = FoldOptions(poolSaturationThreshold: 0.9)
        let preview = try #require(ReplayPreview.read(path: path, from: moment, options: options, threshold: 0, tailBytes: 8_000))
        let session = ReplaySession(preview: preview, options: options, speed: 60, paused: false, skipsQuietStretches: true)
        #expect(session.isPreviewing)
        let first = screen(session)
        #expect(first.contains("indexing the recording") && first.contains("note 2490"), "\(first)")

        // Nothing moves the clock before the recording is indexed, and the keys that would say so.
        session.advance(realSeconds: 30)
        session.handle(.right)
        #expect(session.clock.time == moment)
        #expect(session.ui.message?.text.contains("still being read") == true)

        try await index(session)
        #expect(session.clock.time == moment)
        #expect(session.secondsUntilNextChange != nil, "playing: the clock moves on from the moment")

        let indexedFirst = ReplaySession(recording: try ReplayRecording(path: path, options: options), speed: 60, from: moment,
                                         paused: false, skipsQuietStretches: true)
        let after = screen(session)
        #expect(after == screen(indexedFirst))
        #expect(after.contains("event 2500/2998") && !after.contains("indexing"), "\(after)")
    }

    /// Starts indexing and waits for the recording to take the preview's place.
    func index(_ session: ReplaySession) async throws {
        session.startIndexing()
        let deadline = ContinuousClock.now + .seconds(30)
        while session.isPreviewing {
            _ = session.takeRecording()
            try #require(session.indexFailure == nil, "indexing failed: \(session.indexFailure ?? "")")
            try #require(ContinuousClock.now < deadline, "indexing took over 30 s")
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    func previewSession(line: Int, paused: Bool = true) throws -> (ReplaySession, Timestamp) {
        LongJournal.write(to: path, lines: 3_000)
        let moment = Timestamp(microseconds: 1_685_610_000_000_000 + Int64(line) * 500_000)
        let preview = try #require(ReplayPreview.read(path: path, from: moment, options: FoldOptions(), threshold: 0, tailBytes: 8_000))
        return (ReplaySession(preview: preview, options: FoldOptions(), speed: 60, paused: paused, skipsQuietStretches: true), moment)
    }

    /// A time typed while the recording is read is jumped to once it is in.
    @Test func aTimeTypedDuringThePreviewIsJumpedToOnceTheRecordingIsIn() async throws {
        let (session, _) = try previewSession(line: 2_500)
        #expect(session.seek(typed: "09:05") == nil)
        #expect(session.ui.message?.text.contains("jumping to 09:05 once it is in") == true)
        try await index(session)
        #expect(TimeText.utc(session.clock.time).contains("09:05:00"), "\(TimeText.utc(session.clock.time))")
        #expect(screen(session).contains("event 600/"), "\(screen(session))")
    }

    /// A journal gone before it could be indexed: the preview stays, says so, and the clock stops.
    @Test func aRecordingThatCannotBeIndexedLeavesThePreviewAndSaysWhy() async throws {
        let (session, moment) = try previewSession(line: 2_500, paused: false)
        try FileManager.default.removeItem(atPath: path)
        session.startIndexing()
        let deadline = ContinuousClock.now + .seconds(30)
        while session.indexFailure == nil {
            _ = session.takeRecording()
            try #require(ContinuousClock.now < deadline, "indexing neither failed nor finished in 30 s")
            try await Task.sleep(for: .milliseconds(10))
        }
        let shown = screen(session)
        #expect(shown.contains("could not be read") && shown.contains("❚❚") && shown.contains("note 2490"), "\(shown)")
        session.handle(.right)
        #expect(session.clock.time == moment)
        #expect(session.ui.message?.text.contains("could not be read") == true)
    }
}
