import IncidentCore
import Testing
@testable import SitrepTUI

@Suite struct DashboardViewTests {
    func render(_ frame: DashboardFrame = DashboardFixture.frame(), width: Int, height: Int) -> [String] {
        DashboardView.render(frame, width: width, height: height).lines()
    }

    /// Golden screens: reviewed by eye once, then pinned. A change that moves a column shows up here.
    @Test(arguments: [(110, 18, DashboardGolden.wide), (80, 24, DashboardGolden.standard), (40, 12, DashboardGolden.smallest)])
    func goldenScreens(_ width: Int, _ height: Int, _ golden: String) {
        let lines = render(width: width, height: height)
        let expected = golden.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines == expected, "screen:\n\(lines.joined(separator: "\n"))")
        for (row, line) in lines.enumerated() {
            #expect(line == expected[row], "row \(row) at \(width)x\(height)")
        }
        #expect(lines.allSatisfy { DisplayWidth.columns(of: $0) <= width })
    }

    @Test func troubleComesFirstWhenThePaneIsShort() {
        let lines = render(width: 40, height: 12)
        #expect(lines[3].hasPrefix("│✖ DOWN      web"), "the down service, not the first seen")
    }

    @Test func belowTheMinimumItSaysSo() {
        let lines = render(width: 39, height: 11)
        #expect(lines[0] == "sitrep needs at least")
        #expect(lines[1] == "40x12;")
        #expect(lines[2] == "this is 39x11.")
    }

    @Test(arguments: [(1, 1), (2, 2), (40, 3), (200, 60), (1000, 12), (45, 1000)])
    func oddSizesNeverCrash(_ width: Int, _ height: Int) {
        let screen = DashboardView.render(DashboardFixture.frame(), width: width, height: height)
        #expect(screen.width == width && screen.height == height)
    }

    @Test func wideCharactersKeepColumnsAligned() {
        var state = DashboardFixture.state()
        state.apply(Event(ts: DashboardFixture.time("2023-06-01T10:02:00Z"), kind: .note, actor: "山田",
                          text: "障害対応中 🔥 再起動は効かず、プールが枯渇している" + String(repeating: "長", count: 80)), line: 99)
        let lines = DashboardView.render(DashboardFixture.frame(state), width: 110, height: 18).lines()
        let row = lines.first { $0.contains("障害対応中") }!
        #expect(DisplayWidth.columns(of: row) == 110, "the right border stays in the last column")
        #expect(row.hasSuffix("…│") || row.hasSuffix("… │"), "cut by width; a wide character never straddles the edge")
    }

    @Test func hostileJournalTextIsShownEscaped() {
        var state = DashboardFixture.state()
        state.apply(Event(ts: DashboardFixture.time("2023-06-01T10:03:00Z"), kind: .note, actor: "eve\u{1B}[31m",
                          text: "\u{1B}[2J\u{1B}]0;owned\u{07}\rgone\u{202E}txt"), line: 100)
        let screen = DashboardView.render(DashboardFixture.frame(state), width: 200, height: 18)
        let text = screen.lines().joined(separator: "\n")
        #expect(text.contains(#"\e[2J\e]0;owned\x07\rgone\u{202E}txt"#))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x0D || $0.value == 0x202E })
    }

    @Test func statesReadWithoutColour() {
        let lines = render(width: 110, height: 18)
        #expect(lines.contains { $0.contains("✖ DOWN") })
        #expect(lines.contains { $0.contains("⚠ primary") })
        #expect(lines.contains { $0.contains("Pools (1 SATURATED)") })
        let screen = DashboardView.render(DashboardFixture.frame(), width: 110, height: 18)
        #expect(screen.styles(row: 3).contains(.healthDown))
        #expect(screen.styles(row: 3).contains(.poolSaturated))
    }

    @Test func peoplesEntriesAreDrawnApartFromMonitoringAndCollectors() {
        var state = DashboardFixture.state()
        var collectorNote = Event(ts: DashboardFixture.time("2023-06-01T10:02:00Z"), kind: .note, actor: "collector",
                                  text: "collector started, watching web")
        collectorNote.markAutomated()
        var failed = Event(ts: DashboardFixture.time("2023-06-01T10:03:00Z"), kind: .mitigation, actor: "carol",
                           text: "rolled back the retry change")
        failed.state = "failed"
        state.apply(collectorNote, line: 20)
        state.apply(failed, line: 21)
        let screen = DashboardView.render(DashboardFixture.frame(state), width: 120, height: 30)
        /// The roles of the cells that show `needle`; empty when it is not on screen.
        func textRoles(_ needle: String) -> Set<StyleRole> {
            let lines = screen.lines()
            guard let row = lines.firstIndex(where: { $0.contains(needle) }), let found = lines[row].range(of: needle) else { return [] }
            let start = lines[row].distance(from: lines[row].startIndex, to: found.lowerBound)
            return Set(screen.styles(row: row)[start..<(start + needle.count)])
        }
        #expect(textRoles("rolled back the retry change") == [.timelineHuman], "a failed mitigation is a person's")
        #expect(textRoles("DB connection timeouts") == [.timelineHuman], "a note by bob")
        #expect(textRoles("collector started") == [.normal], "written by a collector")
        #expect(textRoles("p99 response time") == [.timelineAlert])
    }

    @Test func theHelpOverlayListsEveryKey() {
        var ui = DashboardUIState()
        ui.showingHelp = true
        let text = render(DashboardFixture.frame(ui: ui), width: 100, height: 40).joined(separator: "\n")
        for key in ["add a note", "escalate: to whom, then why", "change status", "change severity", "record the cause",
                    "follow-up task", "amend the selected entry", "@name text", "filter the timeline", "quit"] {
            #expect(text.contains(key), "help lacks \(key)")
        }
    }

    @Test func aPromptShowsWhatIsTypedWithTheCursor() {
        var ui = DashboardUIState()
        ui.prompt = Prompt(.note, text: "restarted db-1")
        let screen = DashboardView.render(DashboardFixture.frame(ui: ui), width: 80, height: 24)
        #expect(screen.lines().last == " note› restarted db-1")
        #expect(screen.styles(row: 23)[21] == .selection, "the cursor cell after the text")
    }
}

enum DashboardGolden {
    static let wide = """
         SEV1  Web application outage                                                               INVESTIGATING 45m
         elapsed 1h 6m  │  IC alice  │  10:05:30 UTC
        ┌ Health (1 down) ────────────────────────────────────┐┌ Pools (1 SATURATED) ────────────────────────────────┐
        │✖ DOWN      web                       — 09:10 (55m)  ││⚠ primary    50/50 100% ████████ ▅▇██  37 waiting    │
        │✔ UP        db                      4ms 08:58 (1h 8m)││                                                     │
        └─────────────────────────────────────────────────────┘└─────────────────────────────────────────────────────┘
        ┌ Timeline ──────────────────────────────────────────────────────────────────────────────────────────────────┐
        │── 2023-05-31 ──                                                                                            │
        │23:50:00 night      note   quiet shift                                                                      │
        │── 2023-06-01 ──                                                                                            │
        │09:02:00 collector  pool   primary: saturated 50/50 in use (100%), 12 waiting                               │
        │09:10:00 collector  health web: up → down (HTTP 503)                                                        │
        │09:15:00 monitoring ALERT  [web critical] p99 response time above 5 s                                       │
        │09:20:00 alice      DECL   [SEV1] declared: Web application outage                                          │
        │10:00:00 bob        note   ✎ DB connection timeouts in app logs (pool exhausted)                            │
        │                                                                                                            │
        └────────────────────────────────────────────────────────────────────────────────────────────────────────────┘
         n note e escalate m mitigate s status ? help q quit v severity c cause t task a amend / filter Tab pane
        """

    static let standard = """
         SEV1  Web application outage                                 INVESTIGATING 45m
         elapsed 1h 6m  │  IC alice  │  10:05:30 UTC
        ┌ Health (1 down) ─────────────────────────────────────────────────────────────┐
        │✖ DOWN      web                                                — 09:10 (55m)  │
        │✔ UP        db                                               4ms 08:58 (1h 8m)│
        └──────────────────────────────────────────────────────────────────────────────┘
        ┌ Pools (1 SATURATED) ─────────────────────────────────────────────────────────┐
        │⚠ primary    50/50 100% ██████████ ▅▇██  37 waiting                           │
        └──────────────────────────────────────────────────────────────────────────────┘
        ┌ Timeline ────────────────────────────────────────────────────────────────────┐
        │── 2023-05-31 ──                                                              │
        │23:50:00 night      note   quiet shift                                        │
        │── 2023-06-01 ──                                                              │
        │09:02:00 collector  pool   primary: saturated 50/50 in use (100%), 12 waiting │
        │09:10:00 collector  health web: up → down (HTTP 503)                          │
        │09:15:00 monitoring ALERT  [web critical] p99 response time above 5 s         │
        │09:20:00 alice      DECL   [SEV1] declared: Web application outage            │
        │10:00:00 bob        note   ✎ DB connection timeouts in app logs (pool exhaust…│
        │                                                                              │
        │                                                                              │
        │                                                                              │
        │                                                                              │
        └──────────────────────────────────────────────────────────────────────────────┘
         n note e escalate m mitigate s status ? help q quit v severity c cause t task
        """

    static let smallest = """
         SEV1  Web applicat…  INVESTIGATING 45m
         elapsed 1h 6m  │  IC alice  │  10:05:3…
        ┌ Health (1 down) ─────────────────────┐
        │✖ DOWN      web          — 09:10 (55m)│
        └──────────────────────────────────────┘
        ┌ Pools (1 SATURATED) ─────────────────┐
        │⚠ primary    50/50 100% █   37 waiting│
        └──────────────────────────────────────┘
        ┌ Timeline ────────────────────────────┐
        │10:00:00 bob    note   ✎ DB connectio…│
        └──────────────────────────────────────┘
         n note e escalate ? help q quit
        """
}
