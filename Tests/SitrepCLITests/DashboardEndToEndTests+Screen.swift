import Foundation
import TestSupport
import Testing

/// The commander's screen in a real terminal, at the sizes people use: every entry readable,
/// nothing that leads out of a screen hidden, nothing stale.
extension DashboardEndToEndTests {
    static let longNote = "Pool primary is exhausted: every one of the 50 connections is held by checkout workers "
        + "that wait on the payment provider for up to 30 s each. Raising max_client_conn did not help, so we roll "
        + "back the retry change from 08:55 and watch the waiting count closely until it stays at zero. Next: ROLLBACK-DONE-CHECK"

    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func enterShowsA300CharacterNoteWholeAndEscClosesIt(_ width: Int, _ height: Int) throws {
        #expect(Self.longNote.count >= 300)
        let scratch = TemporaryFolder()
        let cli = try declaredIncident(in: scratch)
        #expect(try cli.run(["note", Self.longNote, "--actor", "bob"]).status == 0)
        let dashboard = try startDashboard(in: scratch, width: width, height: height)
        #expect(dashboard.waitFor("Pool primary"), "screen:\n\(dashboard.screen)")
        #expect(!dashboard.screen.contains("ROLLBACK-DONE-CHECK"), "the timeline row is cut")

        try dashboard.press("Enter")
        let detail = dashboard.waitForSteadyScreen { $0.contains { $0.contains("ROLLBACK-DONE-CHECK") } }
        let text = try #require(detail, "the note's last words; screen:\n\(dashboard.screen)").joined(separator: "\n")
        #expect(text.contains("note by bob") && text.contains("Esc closes"), "\(text)")
        #expect(text.contains("max_client_conn"), "\(text)")

        try dashboard.press("Escape")
        #expect(dashboard.waitForAbsence(of: "ROLLBACK-DONE-CHECK"), "screen:\n\(dashboard.screen)")
        #expect(dashboard.waitFor("Timeline"))
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func zGivesTheTimelineTheWholeScreenAndBack(_ width: Int, _ height: Int) throws {
        let scratch = TemporaryFolder()
        try declaredIncident(in: scratch)
        let dashboard = try startDashboard(in: scratch, width: width, height: height)
        #expect(dashboard.waitFor("Health"), "screen:\n\(dashboard.screen)")
        try dashboard.press("z")
        // A whole frame: tmux may be read while the zoomed pane is half drawn.
        let zoomed = dashboard.waitForSteadyScreen { rows in
            rows.count > 2 && rows[2].hasPrefix("┌ Timeline") && rows.contains { $0.contains("z: all panes") }
        }
        #expect(zoomed != nil, "screen:\n\(dashboard.screen)")
        #expect(zoomed?.contains { $0.contains("Health") } == false, "screen:\n\(dashboard.screen)")
        try dashboard.press("z")
        #expect(dashboard.waitFor("Health"), "screen:\n\(dashboard.screen)")
    }

    @Test func at80x24HelpSaysHowToQuitOnlyEscClosesItAndQQuits() throws {
        let scratch = TemporaryFolder()
        try declaredIncident(in: scratch)
        let dashboard = try startDashboard(in: scratch, width: 80, height: 24)
        #expect(dashboard.waitFor("Checkout is down"))
        try dashboard.press("?")
        #expect(dashboard.waitFor("Esc or ? closes, q quits"), "screen:\n\(dashboard.screen)")
        #expect(dashboard.lines.last?.contains("q quit") == true, "screen:\n\(dashboard.screen)")
        try dashboard.press("PageDown")
        #expect(dashboard.waitFor("Backspace Ctrl-U"), "the prompt keys, scrolled to; screen:\n\(dashboard.screen)")
        try dashboard.press("n")
        #expect(!dashboard.waitFor("note›", seconds: 0.5), "n does not close the overlay")
        #expect(dashboard.screen.contains("Esc or ? closes"))
        try dashboard.press("Escape")
        #expect(dashboard.waitForAbsence(of: "Esc or ? closes"), "screen:\n\(dashboard.screen)")
        try dashboard.press("?")
        #expect(dashboard.waitFor("Esc or ? closes"))
        try dashboard.press("q")
        #expect(dashboard.waitFor("EXITED 0"), "q quits from the overlay; screen:\n\(dashboard.screen)")
    }

    @Test func aConfirmationFadesWithoutAKey() throws {
        let scratch = TemporaryFolder()
        try declaredIncident(in: scratch)
        let dashboard = try startDashboard(in: scratch, width: 80, height: 24)
        #expect(dashboard.waitFor("Checkout is down"))
        try record(in: dashboard, key: "n", prompts: ["note›": "checking db"], confirmation: "recorded note as ic")
        let start = ContinuousClock.now
        #expect(dashboard.waitForAbsence(of: "recorded note as ic", seconds: 8), "screen:\n\(dashboard.screen)")
        let elapsed = ContinuousClock.now - start
        #expect(elapsed > .seconds(2), "it stays long enough to be read: \(elapsed)")
        #expect(dashboard.lines.last?.hasPrefix(" n note") == true, "the hints are back")
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func theHeaderNamesTheJournalAndWaitsForAMissingOne(_ width: Int, _ height: Int) throws {
        let scratch = TemporaryFolder()
        let dashboard = try startDashboard(journal: "incidnet.jsonl", in: scratch, width: width, height: height)
        #expect(dashboard.waitFor("waiting for incidnet.jsonl: no such file yet"), "screen:\n\(dashboard.screen)")
        let cli = CLI(folder: scratch.path)
        #expect(try cli.run(["note", "first words", "-j", "incidnet.jsonl", "--actor", "bob"]).status == 0)
        #expect(dashboard.waitFor("journal incidnet.jsonl"), "screen:\n\(dashboard.screen)")
        #expect(dashboard.waitFor("first words"))
        #expect(!(dashboard.lines.dropFirst().first ?? "").contains("#"), "no bare hash in the header")
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func withoutSamplesTheTimelineGetsTheScreenAndEmptyPanesSayHowToFeedThem(_ width: Int, _ height: Int) throws {
        let scratch = TemporaryFolder()
        let cli = try declaredIncident(in: scratch)
        let note = "App logs show DB connection timeouts on every checkout worker: pool exhausted (end)"
        #expect(try cli.run(["note", note, "--actor", "bob"]).status == 0)
        let dashboard = try startDashboard(in: scratch, width: width, height: height)
        let rows = try #require(dashboard.waitForSteadyScreen { $0.contains { $0.contains("App logs show") } },
                                "screen:\n\(dashboard.screen)")
        #expect(rows[2].hasPrefix("─ Health: no samples yet; `sitrep collect` feeds this pane"), "\(rows[2])")
        // From 100 columns the two share one row; below, they are stacked.
        let poolsRow = width >= 100 ? 2 : 3
        #expect(rows[poolsRow].contains("─ Pools: no samples yet"), "\(rows[poolsRow])")
        #expect(rows[poolsRow + 1].hasPrefix("┌ Timeline"), "the timeline has the rest; screen:\n\(dashboard.screen)")
        if width >= 120 { #expect(rows.contains { $0.contains("pool exhausted (end)") }, "not cut at \(width)") }
    }
}
