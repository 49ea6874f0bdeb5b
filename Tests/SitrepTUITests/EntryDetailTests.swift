import IncidentCore
import Testing
@testable import SitrepTUI

/// Enter on a timeline entry: the whole entry, readable, in every mode.
@Suite struct EntryDetailTests {
    static let longNote = "Pool primary is exhausted: every one of the 50 connections is held by the checkout "
        + "workers, which wait on the payment provider for up to 30 s each; raising max_client_conn did not help, "
        + "so we are rolling back the retry change from 08:55 and will watch the waiting count. Last words: ROLLBACK-DONE"

    /// The fixture with bob's amended note open, written 4 minutes after the time it names; its
    /// event read back from its line as the panes read it from the journal.
    func frameWithDetail(on text: String? = nil, scroll: Int = 0) -> DashboardFrame {
        var state = DashboardFixture.state()
        var lines = DashboardFixture.events()
        if let text {
            var note = Event(ts: DashboardFixture.time("2023-06-01T10:02:00Z"), kind: .note, actor: "carol", text: text)
            note.id = "n2"
            note.logged = DashboardFixture.time("2023-06-01T10:06:00Z")
            note.prev = String(repeating: "c4", count: 32)
            lines += Array(repeating: note, count: 40 - lines.count)
            state.apply(note, line: 40)
        }
        var ui = DashboardUIState()
        let entries = TimelineEntries(state.timeline, filter: "")
        let position = text == nil ? (0..<entries.count).first { entries[$0].id == "n1" }! : entries.count - 1
        ui.selectedEntry = position
        let line = entries[position].line
        ui.detail = EntryDetailState(line: line, event: lines[line - 1])
        ui.detail?.scroll = scroll
        var frame = DashboardFixture.frame(state, ui: ui)
        frame.detail = entries[position]
        return frame
    }

    @Test func goldenDetailOfAnAmendedEntry() {
        let lines = DashboardView.render(frameWithDetail(), width: 80, height: 24).lines()
        let expected = Self.golden.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 24 && expected.count == 24, "screen:\n\(lines.joined(separator: "\n"))")
        for (row, line) in lines.enumerated() where row < expected.count {
            #expect(line == expected[row], "row \(row)")
        }
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func aLongNoteIsShownWhole(_ width: Int, _ height: Int) {
        let text = DashboardView.render(frameWithDetail(on: Self.longNote), width: width, height: height).lines()
            .joined(separator: "\n")
        for word in ["Pool primary is exhausted", "max_client_conn", "ROLLBACK-DONE"] {
            #expect(text.contains(word), "\(word) at \(width)x\(height):\n\(text)")
        }
        #expect(!text.contains("…"), "nothing is cut:\n\(text)")
        #expect(text.contains("logged   2023-06-01 10:06:00Z  (written 4m after ts: backdated)"))
        #expect(text.contains("#c4c4c4c4c4c4c4c4"), "the chain hash is here")
    }

    @Test func aDetailLongerThanTheBoxScrollsAndSaysWhere() {
        let note = (1...30).map { "line\($0)" }.joined(separator: String(repeating: " ", count: 60))
        let top = DashboardView.render(frameWithDetail(on: note), width: 80, height: 24).lines()
        #expect(top[2].contains("scroll (1–19 of"), "\(top[2])")
        #expect(!top.joined().contains("line30"))
        let bottom = DashboardView.render(frameWithDetail(on: note, scroll: 1000), width: 80, height: 24).lines()
        #expect(bottom.joined().contains("line30"), "scrolled to the end, clamped")
    }

    @Test func enterOpensTheNewestWhileFollowingAndEscClosesIt() {
        var panes = PaneBrowser()
        panes.show(DashboardFixture.state().timeline)
        #expect(panes.handleNavigationKey(.enter, of: DashboardFixture.state()) == .redraw)
        #expect(panes.detailEntry?.id == "n1", "the newest entry")
        guard case .done(let reaction) = panes.handleFirst(.character("n")) else {
            Issue.record("an open entry takes every key")
            return
        }
        #expect(reaction == .none && panes.ui.prompt == nil, "no key records while reading")
        _ = panes.handleFirst(.down)
        #expect(panes.ui.detail?.scroll == 1)
        panes.noteLayout(width: 80, height: 24, of: DashboardFixture.state())
        #expect(panes.ui.detail?.scroll == 0, "the entry fits: nothing to scroll")
        _ = panes.handleFirst(.escape)
        #expect(panes.ui.detail == nil)
    }

    @Test func qStillQuitsFromTheDetail() {
        var panes = PaneBrowser()
        panes.show(DashboardFixture.state().timeline)
        panes.openDetail()
        guard case .done(let reaction) = panes.handleFirst(.character("q")) else {
            Issue.record("the detail takes q")
            return
        }
        #expect(reaction.quit)
    }

    @Test func replayShowsEachVersionMadeByItsMoment() {
        let id = "n9"
        var state = IncidentState()
        var note = Event(ts: DashboardFixture.time("2023-06-01T09:00:00Z"), kind: .note, actor: "bob", text: "first")
        note.id = id
        state.apply(note, line: 1)
        for (line, (time, text)) in [("09:10", "second"), ("09:20", "third")].enumerated() {
            var amend = Event(ts: DashboardFixture.time("2023-06-01T\(time):00Z"), kind: .amend, actor: "carol", text: text)
            amend.ref = id
            state.apply(amend, line: line + 2)
        }
        func shown(at time: String) -> TimelineEntry {
            TimelineEntries(state.timeline, filter: "", asOf: DashboardFixture.time("2023-06-01T\(time):00Z"))[0]
        }
        #expect(shown(at: "09:05").text == "first" && !shown(at: "09:05").isAmended)
        #expect(shown(at: "09:15").text == "second" && shown(at: "09:15").amendments.count == 1)
        #expect(shown(at: "09:25").text == "third" && shown(at: "09:25").amendments.count == 2)
        let detail = EntryDetailText(entry: shown(at: "09:25"), width: 60).lines.map(\.text)
        #expect(detail.contains("Versions (3)"))
        #expect(detail.contains("2023-06-01 09:00:00Z bob (original)"))
        #expect(detail.contains("2023-06-01 09:20:00Z carol"))
    }

    @Test func hostileTextInTheDetailIsEscaped() {
        let screen = DashboardView.render(frameWithDetail(on: "\u{1B}[2Jgone\u{202E}"), width: 80, height: 24)
        let text = screen.lines().joined(separator: "\n")
        #expect(text.contains(#"\e[2Jgone\u{202E}"#))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
    }

    static let golden = """
         SEV1  Web application outage                                 INVESTIGATING 45m
         elapsed 1h 6m  │  IC alice  │  10:05:30 UTC
        ┌ Entry — Esc closes ──────────────────────────────────────────────────────────┐
        │note by bob (amended)                                                         │
        │ts       2023-06-01 10:00:00Z                                                 │
        │id       n1                                                                   │
        │                                                                              │
        │DB connection timeouts in app logs (pool exhausted)                           │
        │                                                                              │
        │Versions (2)                                                                  │
        │2023-06-01 10:00:00Z bob (original)                                           │
        │  DB connection timeouts in app logs                                          │
        │2023-06-01 10:01:00Z bob                                                      │
        │  DB connection timeouts in app logs (pool exhausted)                         │
        │                                                                              │
        │journal  line 11                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        └──────────────────────────────────────────────────────────────────────────────┘
         Esc close ↑ ↓ PgUp PgDn scroll q quit
        """
}

@Suite struct TextWrapTests {
    @Test func breaksAtSpacesAndKeepsEveryWord() {
        #expect(TextWrap.lines("the pool is exhausted again", width: 10) == ["the pool", "is", "exhausted", "again"])
    }

    @Test func aWordLongerThanTheLineIsBroken() {
        #expect(TextWrap.lines("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
    }

    @Test func wideCharactersNeverPassTheWidth() {
        let lines = TextWrap.lines(String(repeating: "長", count: 9), width: 5)
        #expect(lines.allSatisfy { DisplayWidth.columns(of: $0) <= 5 })
        #expect(lines.joined() == String(repeating: "長", count: 9))
    }

    @Test func emptyTextIsOneEmptyLine() {
        #expect(TextWrap.lines("", width: 10) == [""])
    }
}
