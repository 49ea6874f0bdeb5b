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

        session.startIndexing()
        let deadline = ContinuousClock.now + .seconds(30)
        while session.isPreviewing {
            _ = session.takeRecording()
            try #require(ContinuousClock.now < deadline, "indexing took over 30 s")
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(session.clock.time == moment)
        #expect(session.secondsUntilNextChange != nil, "playing: the clock moves on from the moment")

        let indexedFirst = ReplaySession(recording: try ReplayRecording(path: path, options: options), speed: 60, from: moment,
                                         paused: false, skipsQuietStretches: true)
        let after = screen(session)
        #expect(after == screen(indexedFirst))
        #expect(after.contains("event 2500/2998") && !after.contains("indexing"), "\(after)")
    }
}
