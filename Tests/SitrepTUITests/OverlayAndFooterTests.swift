import IncidentCore
import Testing
@testable import SitrepTUI

/// The `?` overlay and the footer: nothing a newcomer needs is cut at 80x24 or 40x12.
@Suite struct OverlayAndFooterTests {
    func helpFrame(scroll: Int = 0) -> DashboardFrame {
        var ui = DashboardUIState()
        ui.showingHelp = true
        ui.helpScroll = scroll
        return DashboardFixture.frame(ui: ui)
    }

    @Test func at80x24TheOverlaySaysHowToCloseAndQuitAndScrollsToEveryKey() {
        let top = DashboardView.render(helpFrame(), width: 80, height: 24).lines()
        #expect(top.contains { $0.contains("Keys — Esc or ? closes, q quits") }, "\(top.joined(separator: "\n"))")
        #expect(top.last?.contains("Esc ? close help") == true && top.last?.contains("q quit") == true, "\(top.last ?? "")")
        #expect(top.contains { $0.contains("↓ more") }, "it says there is more")
        var panes = PaneBrowser(help: KeyReference.liveHelp)
        panes.ui.showingHelp = true
        panes.noteLayout(width: 80, height: 24, of: DashboardFixture.state())
        _ = panes.handleFirst(.end)
        panes.noteLayout(width: 80, height: 24, of: DashboardFixture.state())
        let bottom = DashboardView.render(helpFrame(scroll: panes.ui.helpScroll), width: 80, height: 24).lines()
        let text = bottom.joined(separator: "\n")
        for line in ["In a prompt", "Backspace Ctrl-U", "record (empty records nothing)"] {
            #expect(text.contains(line), "\(line) after scrolling:\n\(text)")
        }
        #expect(panes.ui.helpScroll > 0 && panes.ui.helpScroll < 20, "End stops at the last page")
    }

    @Test func theOverlayFitsWhereThereIsRoom() {
        let lines = DashboardView.render(helpFrame(), width: 100, height: 40).lines()
        #expect(!lines.contains { $0.contains("more:") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("Backspace Ctrl-U") })
    }

    @Test func at40x12TheFooterKeepsHelpAndQuit() {
        let lines = DashboardView.render(DashboardFixture.frame(), width: 40, height: 12).lines()
        #expect(lines.last == " n note e escalate ? help q quit", "\(lines.last ?? "")")
    }

    @Test func helpAndQuitAreTheLastHintsToGo() {
        let hints = KeyReference.liveHints
        for columns in [10, 16, 30, 60, 200] {
            let kept = FooterView.fitting(hints, into: columns).map(\.key)
            if columns >= 14 { #expect(kept.contains("?") && kept.contains("q"), "at \(columns): \(kept)") }
            #expect(kept == hints.map(\.key).filter(kept.contains), "in their order")
        }
    }
}

/// Confirmations leave the footer by themselves; errors wait for Esc.
@Suite struct FadingMessageTests {
    @Test func informationFadesAfterFourSecondsAndErrorsStay() {
        var panes = PaneBrowser()
        let start = ContinuousClock.now
        panes.show("recorded status as root", error: false, at: start)
        let early = panes.fadeMessage(at: start.advanced(by: .seconds(3)))
        #expect(!early && panes.ui.message != nil)
        let due = panes.fadeMessage(at: start.advanced(by: .seconds(4)))
        #expect(due && panes.ui.message == nil)
        panes.show("NOT RECORDED: disk full", error: true, at: start)
        let later = panes.fadeMessage(at: start.advanced(by: .seconds(3600)))
        #expect(!later)
        #expect(panes.ui.message?.isError == true)
    }

    @Test func informationGoesAtTheNextKeyEvenAnArrow() {
        var panes = PaneBrowser()
        panes.show("recorded note as ic", error: false)
        panes.dismissInformation(onKey: .resize)
        #expect(panes.ui.message != nil, "a resize is not a key the user pressed")
        panes.dismissInformation(onKey: .down)
        #expect(panes.ui.message == nil)
    }

    @Test func theLoopWakesAtTheDeadlineNotBefore() {
        let now = ContinuousClock.now
        #expect(WakeDeadline.timeout(-1, until: nil, now: now) == -1, "nothing due: sleep until a key")
        #expect(WakeDeadline.timeout(-1, until: now.advanced(by: .milliseconds(1500)), now: now) == 1500)
        #expect(WakeDeadline.timeout(700, until: now.advanced(by: .milliseconds(1500)), now: now) == 700)
        #expect(WakeDeadline.timeout(700, until: now.advanced(by: .milliseconds(-5)), now: now) == 0)
    }
}

/// `z`: one pane on the whole screen, and back.
@Suite struct ZoomTests {
    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func zoomGivesTheFocusedPaneTheWholeBody(_ width: Int, _ height: Int) {
        var panes = PaneBrowser()
        let state = DashboardFixture.state()
        panes.show(state.timeline)
        _ = panes.handleNavigationKey(.character("z"), of: state)
        #expect(panes.ui.zoomed)
        let layout = DashboardView.layout(width: width, height: height, services: 2, pools: 1, zoomed: .timeline)
        #expect(layout.timeline == layout.body && layout.health.isEmpty && layout.pools.isEmpty)
        let lines = DashboardView.render(panes.frame(of: state, chrome), width: width, height: height).lines()
        #expect(lines[2].hasPrefix("┌ Timeline"), "\(lines[2])")
        #expect(!lines.contains { $0.contains("Health") || $0.contains("Pools") })
        #expect(lines[height - 2].contains("z: all panes"))
        _ = panes.handleNavigationKey(.character("z"), of: state)
        let back = DashboardView.render(panes.frame(of: state, chrome), width: width, height: height).lines()
        #expect(back.contains { $0.contains("Health") })
    }

    @Test func zoomFollowsFocus() {
        let layout = DashboardView.layout(width: 80, height: 24, services: 2, pools: 1, zoomed: .pools)
        #expect(layout.pools == layout.body && layout.timeline.isEmpty)
    }

    var chrome: FrameChrome {
        FrameChrome(now: DashboardFixture.now, head: nil, banner: nil, poolThreshold: 0.9, hints: KeyReference.liveHints)
    }
}

/// The header names the journal, so a mistyped path shows at once.
@Suite struct JournalHeaderTests {
    func header(_ journal: JournalLabel?, width: Int = 80) -> String {
        var frame = DashboardFixture.frame()
        frame.journal = journal
        return DashboardView.render(frame, width: width, height: 24).lines()[1]
    }

    @Test func theHeaderNamesTheFileAndNotTheHash() {
        let row = header(JournalLabel(path: "/srv/incidents/incident.jsonl", exists: true))
        #expect(row.hasSuffix("│  journal incident.jsonl"), "\(row)")
        #expect(!row.contains("#abab"), "the bare hash has left the header")
    }

    @Test(arguments: [80, 120, 200])
    func aMissingFileIsSaidAndWaitedFor(_ width: Int) {
        let row = header(JournalLabel(path: "/srv/incident.jsnol", exists: false), width: width)
        #expect(row.contains("waiting for incident.jsnol: no such file yet"), "\(row)")
    }

    @Test func aLongNameIsShortenedInTheMiddle() {
        let name = "2023-06-01-web-application-outage-postmortem-draft.jsonl"
        let row = header(JournalLabel(path: "/tmp/" + name, exists: true))
        #expect(row.contains("journal 2023-06") && row.contains("draft.jsonl") && row.contains("…"), "\(row)")
        #expect(DisplayWidth.columns(of: row) <= 80)
    }

    @Test func theLabelLooksAtTheFile() {
        #expect(!JournalLabel(path: "/no/such/folder/incident.jsonl").exists)
        #expect(JournalLabel(path: "/").exists)
    }

    @Test func theChainHeadIsInTheHelpOverlay() {
        var panes = PaneBrowser(help: KeyReference.liveHelp)
        panes.ui.showingHelp = true
        let chrome = FrameChrome(now: DashboardFixture.now, head: String(repeating: "ab", count: 32), banner: nil,
                                 poolThreshold: 0.9, hints: KeyReference.liveHints,
                                 journal: JournalLabel(path: "/srv/incident.jsonl", exists: true))
        let frame = panes.frame(of: DashboardFixture.state(), chrome)
        let text = DashboardView.render(frame, width: 100, height: 50).lines().joined(separator: "\n")
        #expect(text.contains("#abababababababab"), "\(text)")
        #expect(text.contains("/srv/incident.jsonl"))
    }
}

/// The timeline, where the story is, gets the room health and pools do not need.
@Suite struct SpaceTests {
    func layout(_ width: Int, _ height: Int, services: Int = 2, pools: Int = 1) -> DashboardView.Layout {
        DashboardView.layout(width: width, height: height, services: services, pools: pools)
    }

    @Test(arguments: [100, 110, 120, 160, 200])
    func aWideTimelineIsNeverNarrowerThanAt80Columns(_ width: Int) {
        let stacked = layout(80, 24).timeline.width
        #expect(layout(width, 30).timeline.width >= stacked, "at \(width) columns")
        #expect(layout(width, 30).timeline.width == width, "as wide as the screen")
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func healthAndPoolsTakeWhatTheirRowsNeedAndTheTimelineTheRest(_ width: Int, _ height: Int) {
        let parts = layout(width, height)
        #expect(parts.health.height == 4 && parts.pools.height <= 4, "two services, one pool")
        #expect(parts.timeline.height >= parts.body.height - 8, "the timeline has the rest: \(parts.timeline)")
    }

    @Test func panesWithoutSamplesAreOneLineSayingHowToFeedThem() {
        let empty = layout(80, 24, services: 0, pools: 0)
        #expect(empty.health.height == 1 && empty.pools.height == 1)
        let lines = DashboardView.render(DashboardFixture.frame(IncidentState()), width: 80, height: 24).lines()
        #expect(lines[2].hasPrefix("─ Health: no samples yet; `sitrep collect` feeds this pane"), "\(lines[2])")
        #expect(lines[3].hasPrefix("─ Pools: no samples yet; `sitrep collect` feeds this pane"), "\(lines[3])")
        #expect(lines[4].hasPrefix("┌ Timeline"), "\(lines[4])")
    }

    @Test func at200x60ALongEntryIsNotCutAndNoPaneIsMostlyEmpty() {
        var state = DashboardFixture.state()
        let text = "Rolling back the retry change from 08:55: the checkout workers hold every connection while they "
            + "wait on the payment provider (end of note)"
        state.apply(Event(ts: DashboardFixture.time("2023-06-01T10:02:00Z"), kind: .note, actor: "carol", text: text), line: 50)
        let lines = DashboardView.render(DashboardFixture.frame(state), width: 200, height: 60).lines()
        #expect(lines.contains { $0.contains("(end of note)") }, "\(lines.joined(separator: "\n"))")
        let parts = layout(200, 60)
        #expect(parts.pools.height <= 4 && parts.timeline.height >= 50)
    }
}
