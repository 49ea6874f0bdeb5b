import Foundation
import IncidentCore
import TestSupport
import Testing
@testable import SitrepTUI

/// Replay of the seed outage (examples/seed-outage.jsonl), pinned at moments a reviewer checks.
@Suite struct ReplayTests {
    static let seedJournal = Repository.file("examples/seed-outage.jsonl")

    func session(at time: String? = nil, paused: Bool = true, skips: Bool = true) throws -> ReplaySession {
        let recording = try ReplayRecording(path: Self.seedJournal)
        return ReplaySession(recording: recording, speed: 60,
                             from: time.flatMap(RFC3339.parse), paused: paused, skipsQuietStretches: skips)
    }

    func screen(_ session: ReplaySession, width: Int = 110, height: Int = 30) -> [String] {
        session.noteLayout(width: width, height: height)
        let frame = session.frame()
        return DashboardView.render(frame, width: width, height: height).lines()
    }

    @Test func beforeTheFirstAlertTheDashboardIsCalmButThePoolIsFilling() throws {
        let lines = screen(try session(at: "2023-06-01T08:50:00Z"))
        #expect(lines[0].contains("not declared at this point of the recording"))
        #expect(lines[1].hasPrefix(" REPLAY ❚❚ 60×  2023-06-01 08:50:00Z  event "))
        #expect(lines.contains { $0.contains("Health (all up)") })
        #expect(lines.contains { $0.contains("  primary    39/50  78%") })
        #expect(!lines.joined().contains("ALERT"))
    }

    @Test func duringSaturationThePoolIsMarkedAndTheAlertIsIn() throws {
        let lines = screen(try session(at: "2023-06-01T09:30:30Z"))
        #expect(lines[0].hasPrefix(" SEV1  Web application outage"))
        #expect(lines.contains { $0.contains("Pools (1 SATURATED)") })
        #expect(lines.contains { $0.contains("⚠ primary    50/50 100%") && $0.contains("17 waiting") })
        #expect(lines.contains { $0.contains("✖ DOWN      web") })
        #expect(lines.contains { $0.contains("09:15:00 monitoring ALERT") })
        #expect(lines.contains { $0.contains("09:30:00 alice      note") })
        #expect(!lines.joined().contains("10:00:00"), "nothing from after the clock")
    }

    @Test func afterResolutionEverythingIsBack() throws {
        let lines = screen(try session(at: "2023-06-02T03:01:00Z"))
        #expect(lines[0].hasSuffix("RESOLVED 1m"))
        #expect(lines.contains { $0.contains("Health (all up)") })
        #expect(lines.contains { $0.contains("  primary   90/200  45%") })
        #expect(lines.contains { $0.contains("03:00:00 alice      STATUS [resolved]") })
    }

    @Test func keysStepSeekAndChangeSpeed() throws {
        let session = try session()
        #expect(session.position == 3, "three samples share the first moment")
        session.handle(.right)
        #expect(session.clock.time == RFC3339.parse("2023-06-01T08:31:02Z"))
        #expect(session.position == 4)
        session.handle(.left)
        #expect(session.position == 3)
        session.handle(.left)
        #expect(session.position == 3, "nothing before the first moment")
        session.handle(.character("]"))
        #expect(session.clock.time == RFC3339.parse("2023-06-01T09:20:00Z"), "the first entry by a person")
        session.handle(.character("]"))
        #expect(session.clock.time == RFC3339.parse("2023-06-01T09:30:00Z"), "the next one, not the same moment again")
        session.handle(.character("["))
        #expect(session.clock.time == RFC3339.parse("2023-06-01T09:20:00Z"))
        session.handle(.character("["))
        #expect(session.clock.time == RFC3339.parse("2023-06-01T09:20:00Z"), "no person before the declaration")
        session.handle(.character("G"))
        #expect(session.position == session.recording?.eventCount)
        session.handle(.character("g"))
        #expect(session.position == 3)
        session.handle(.character("+"))
        #expect(session.clock.speed == 120)
        session.handle(.character("-"))
        session.handle(.character("-"))
        #expect(session.clock.speed == 30)
        session.handle(.character(" "))
        #expect(session.clock.isPlaying)
        session.handle(.character("t"))
        for character in "11:30" { session.handle(.character(character)) }
        session.handle(.enter)
        #expect(session.clock.time == RFC3339.parse("2023-06-01T11:30:00Z"))
        session.handle(.character("t"))
        for character in "lunch" { session.handle(.character(character)) }
        session.handle(.enter)
        #expect(session.ui.message?.text.contains("is not a time") == true)
        #expect(session.clock.time == RFC3339.parse("2023-06-01T11:30:00Z"))
    }

    @Test func nothingCanBeRecordedInReplay() throws {
        let session = try session()
        let before = try String(contentsOfFile: Self.seedJournal, encoding: .utf8)
        for key in "nemcsvaD" { session.handle(.character(key)) }
        #expect(session.ui.prompt == nil && session.ui.picker == nil)
        #expect(session.ui.message?.text == "replay is read-only: nothing can be recorded here")
        #expect(try String(contentsOfFile: Self.seedJournal, encoding: .utf8) == before)
    }

    @Test func quietStretchesAreSkippedAndSaidSo() throws {
        let session = try session(at: "2023-06-01T14:01:00Z", paused: false)
        session.advance(realSeconds: 0.1)
        #expect(session.clock.time > RFC3339.parse("2023-06-01T14:05:00Z")!, "jumped the quiet afternoon")
        #expect(session.banner.contains("⏭ skipped"))
        let full = try self.session(at: "2023-06-01T14:01:00Z", paused: false, skips: false)
        full.advance(realSeconds: 0.1)
        #expect(full.clock.time == RFC3339.parse("2023-06-01T14:01:06Z"), "--no-skip plays it at 60×")
    }

    @Test func amendedEntriesReadAsTheyDidBeforeTheCorrection() throws {
        let folder = TemporaryFolder()
        defer { withExtendedLifetime(folder) {} }
        let store = FileJournal(path: folder.path + "/amended.jsonl")
        let note = try store.append(Event(ts: RFC3339.parse("2023-06-01T09:00:00Z")!, kind: .note, actor: "bob", text: "restarted db-1"))
        var amend = Event(ts: RFC3339.parse("2023-06-01T09:10:00Z")!, kind: .amend, actor: "bob", text: "restarted db-2")
        amend.ref = note.id
        try store.append(amend)
        let recording = try ReplayRecording(path: store.path)
        let session = ReplaySession(recording: recording, speed: 60,
                                    from: RFC3339.parse("2023-06-01T09:05:00Z"), paused: true, skipsQuietStretches: true)
        #expect(session.entries[0].text == "restarted db-1")
        session.handle(.character("G"))
        #expect(session.entries[0].text == "restarted db-2")
        #expect(session.entries[0].isAmended)
    }

    /// The timeline keeps what it shows; Enter reads the rest of the entry back from its line.
    @Test func enterShowsTheFieldsReadBackFromTheRecording() throws {
        let session = try session(at: "2023-06-01T10:00:00Z")
        let newest = session.entries[session.entries.count - 1]
        session.handle(.enter)
        let detail = try #require(session.ui.detail)
        #expect(detail.line == newest.line && detail.readProblem == nil)
        let event = try #require(detail.event)
        #expect(event.ts == newest.ts && event.actor == newest.actor)
        let text = screen(session).joined(separator: "\n")
        #expect(text.contains("journal  line \(newest.line)"), "\(text)")
    }

    @Test func aJumpPastTheEndStopsAtTheEndAndSaysSo() throws {
        let session = try session(paused: false)
        let end = try #require(session.recording?.end)
        #expect(session.seek(typed: "2023-06-29T00:00:00Z") == nil)
        #expect(session.clock.time == end && !session.clock.isPlaying)
        #expect(session.banner.hasSuffix("(end of recording)"), "\(session.banner)")
        #expect(session.ui.message?.text.contains("stopped at its end") == true, "\(session.ui.message?.text ?? "")")
        let lines = screen(session)
        #expect(!lines[0].contains("28d"), "the status's age is the recording's, not the typed time's: \(lines[0])")
        #expect(lines[0].contains("RESOLVED"))
    }

    @Test func aJumpBeforeTheStartLandsOnTheStart() throws {
        let session = try session()
        #expect(session.seek(typed: "2023-05-01T00:00:00Z") == nil)
        #expect(session.clock.time == session.recording?.start)
        #expect(session.ui.message?.text.contains("the recording starts at") == true)
    }
}
