import Foundation
import TestSupport
import Testing
@testable import IncidentCore

/// The live dashboard in a real terminal (tmux), checked the way a responder would: what the
/// screen shows, what lands in the journal, and whether the terminal is usable afterwards.
///
/// Serialized: each test polls tmux every 20 ms and runs a dashboard; several at once on a
/// two-core machine would mostly measure each other.
@Suite(.oneAtATime, .serialized, .timeLimit(.minutes(10)))
struct DashboardEndToEndTests {
    @Test func theHeaderShowsTheIncidentAndAnEntryFromAnotherProcessAppearsWithinASecond() throws {
        let scratch = TemporaryFolder()
        let cli = try declaredIncident(in: scratch)
        let dashboard = try startDashboard(in: scratch)
        let first = try #require(dashboard.waitUntil { $0.first?.contains("Checkout is down") == true },
                                 "screen:\n\(dashboard.screen)")
        #expect(first[0].contains("SEV1") && first[0].contains("INVESTIGATING"), "header: \(first[0])")

        // No key is pressed from here on: the entry must arrive by itself. The clock starts once
        // `sitrep note` is done, so neither its start-up nor its fsync on a busy disk counts.
        let appended = try cli.run(["note", "pool restarted", "--actor", "bob"])
        let start = ContinuousClock.now
        #expect(appended.status == 0, "\(appended.stderr)")
        let shown = dashboard.waitUntil(seconds: 5) { $0.contains { $0.contains("pool restarted") } }
        let elapsed = ContinuousClock.now - start
        let row = try #require(shown?.first { $0.contains("pool restarted") }, "screen:\n\(dashboard.screen)")
        #expect(row.contains("bob"), "the row names who wrote it: \(row)")
        #expect(elapsed < .seconds(1), "from `sitrep note` done to on screen took \(elapsed)")
    }

    @Test func typedEntriesAreRecordedWithTheirKindFieldsAndActor() throws {
        let scratch = TemporaryFolder()
        try declaredIncident(in: scratch)
        let dashboard = try startDashboard(actor: "ic", in: scratch)
        #expect(dashboard.waitFor("Checkout is down"))

        try record(in: dashboard, key: "n", prompts: ["note›": "checking db"], confirmation: "recorded note as ic")
        try record(in: dashboard, key: "e", prompts: ["escalate to›": "dba", "why escalate to dba›": "pool exhausted"],
                   confirmation: "recorded escalation as ic")
        try record(in: dashboard, key: "m", prompts: ["mitigation (applied)›": "raised pool max"],
                   confirmation: "recorded mitigation as ic")
        // The status picker starts on the current status (investigating); `i` moves to the next
        // option starting with i, identified.
        try dashboard.press("s")
        #expect(dashboard.waitFor("status›"))
        try dashboard.press("i", "Enter")
        #expect(dashboard.waitFor("recorded status as ic"), "screen:\n\(dashboard.screen)")
        #expect(dashboard.waitUntil { $0.first?.contains("IDENTIFIED") == true } != nil, "the header follows the status")
        try record(in: dashboard, key: "n", prompts: ["note›": "@carol paged vendor"], confirmation: "recorded note as carol")

        let typed = Array(try scratch.events().dropFirst())  // after the declare
        try #require(typed.count == 5, "journal: \(scratch.lines())")
        #expect(typed.map(\.kind) == [.note, .escalation, .mitigation, .status, .note])
        #expect(typed.map(\.actor) == ["ic", "ic", "ic", "ic", "carol"])
        #expect(typed[0].text == "checking db")
        #expect(typed[1].to == "dba" && typed[1].text == "pool exhausted")
        #expect(typed[2].text == "raised pool max" && typed[2].state == "applied")
        #expect(typed[3].state == "identified")
        #expect(typed[4].text == "paged vendor", "the @carol prefix names the actor and is not part of the text")
        let carolsRow = dashboard.waitUntil { $0.contains { $0.contains("paged vendor") } }?.first { $0.contains("paged vendor") }
        #expect(carolsRow?.contains("carol") == true, "the timeline names carol; screen:\n\(dashboard.screen)")
    }

    enum UnwritableJournal: String, CaseIterable, Sendable {
        case inAFolderThatDoesNotExist, aSymbolicLink
    }

    @Test(arguments: UnwritableJournal.allCases)
    func aFailedAppendShowsTheErrorAndKeepsTheTypedText(_ journal: UnwritableJournal) throws {
        let scratch = TemporaryFolder()
        let path: String
        switch journal {
        case .inAFolderThatDoesNotExist:
            path = scratch.file("no-such-folder/incident.jsonl")
        case .aSymbolicLink:
            try declaredIncident(in: scratch, journal: "real.jsonl")
            path = scratch.file("incident.jsonl")
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "real.jsonl")
        }
        let before = scratch.lines("real.jsonl")
        let dashboard = try startDashboard(journal: path, in: scratch)
        #expect(dashboard.waitFor(" n note"), "the dashboard is up; screen:\n\(dashboard.screen)")

        try dashboard.press("n")
        try dashboard.type("restarted db-1")
        try dashboard.press("Enter")
        let failed = dashboard.waitUntil(seconds: 2) { $0.contains { $0.contains("NOT RECORDED") } }
        #expect(failed != nil, "the footer says the entry was not recorded; screen:\n\(dashboard.screen)")
        let footer = dashboard.lines.last ?? ""
        #expect(footer.contains("note› restarted db-1"), "the typed text is still in the prompt; footer: \(footer)")

        #expect(!FileManager.default.fileExists(atPath: scratch.file("no-such-folder")), "no folder is made")
        #expect(scratch.lines("real.jsonl") == before, "nothing is written through the link")
    }

    @Test func hostileJournalTextShowsEscapedAndCannotClearRetitleOrReorderTheScreen() throws {
        let scratch = TemporaryFolder()
        // Written by hand, as another tool or an attacker could: \u001b is ESC, \u0007 BEL,
        // \u202e RIGHT-TO-LEFT OVERRIDE.
        let journal = #"""
            {"ts":"2023-06-01T09:00:00Z","kind":"declare","title":"Pay\u001b[2Jments","severity":"SEV2","actor":"alice"}
            {"ts":"2023-06-01T09:01:00Z","kind":"note","actor":"eve","text":"wipe\u001b[2J\u001b[H here"}
            {"ts":"2023-06-01T09:02:00Z","kind":"note","actor":"eve","text":"left\rright"}
            {"ts":"2023-06-01T09:03:00Z","kind":"note","actor":"eve","text":"\u202eevil reversed"}
            {"ts":"2023-06-01T09:04:00Z","kind":"note","actor":"eve","text":"\u001b]2;owned\u0007 title"}
            {"ts":"2023-06-01T09:05:00Z","kind":"note","actor":"bob","text":"honest entry"}

            """#
        _ = FileManager.default.createFile(atPath: scratch.file("incident.jsonl"), contents: Data(journal.utf8))
        // Wide enough that no escaped text is cut short with …
        let dashboard = try startDashboard(in: scratch, width: 120)
        // What the responder sees instead of the control characters, top to bottom.
        var expected = [#"wipe\e[2J\e[H here"#, #"left\rright"#, #"\u{202E}evil reversed"#, #"\e]2;owned\x07 title"#,
                        "honest entry"]
        expectIntact(dashboard, title: #"Pay\e[2Jments"#, timeline: expected)

        // The same arriving live, while the screen is already drawn.
        let live = try CLI(folder: scratch.path).run(["note", "live\u{1B}[2J\u{1B}[H\rwiped", "--actor", "mallory"])
        #expect(live.status == 0, "\(live.stderr)")
        expected.append(#"live\e[2J\e[H\rwiped"#)
        expectIntact(dashboard, title: #"Pay\e[2Jments"#, timeline: expected)
        #expect(try !dashboard.format("#{pane_title}").contains("owned"), "no escape sequence set the window title")
    }

    /// Every byte the dashboard sends to the terminal while it shows the hostile corpus, and a
    /// hostile entry arriving live: no OSC, DCS, APC or PM (ncurses itself sends only CSI), no BEL,
    /// no C1 or bidi control, and the pane keeps its title.
    @Test func theHostileCorpusNeverReachesTheTerminalRaw() throws {
        let scratch = TemporaryFolder()
        HostileJournal.make().write(to: scratch.file("incident.jsonl"))
        let recording = scratch.file("terminal.bytes")
        let dashboard = try startDashboard(options: ["--no-bell"], startFile: "go", in: scratch, width: 140, height: 45)
        let title = try dashboard.format("#{pane_title}")
        try dashboard.record(to: recording)
        _ = FileManager.default.createFile(atPath: scratch.file("go"), contents: nil)
        #expect(dashboard.waitFor("honest entry", seconds: 10), "screen:\n\(dashboard.screen)")

        let live = try CLI(folder: scratch.path).run(["note", "live\u{1B}]2;PWNED-live\u{07}\u{9D}0;PWNED\u{9C}\u{202E}", "--actor", "mallory"])
        #expect(live.status == 0, "\(live.stderr)")
        #expect(dashboard.waitFor(#"live\e]2;PWNED-live"#, seconds: 10), "screen:\n\(dashboard.screen)")
        // Scrolled to the oldest entries, and back.
        try dashboard.press("g")
        try dashboard.press("G")
        try dashboard.press("q")
        #expect(dashboard.waitFor("EXITED"), "screen:\n\(dashboard.screen)")
        #expect(try dashboard.format("#{pane_title}") == title, "no escape sequence set the pane's title")

        let bytes = [UInt8](FileManager.default.contents(atPath: recording) ?? Data())
        #expect(bytes.count > 1000, "the recording has the dashboard's frames")
        #expect(!bytes.contains(0x07), "no BEL")
        for introducer in [UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "_"), UInt8(ascii: "^")] {
            #expect(!bytes.indices.dropLast().contains { bytes[$0] == 0x1B && bytes[$0 + 1] == introducer },
                    "no ESC \(Character(Unicode.Scalar(introducer))) reached the terminal")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let controls = Set(text.unicodeScalars.filter { isTerminalControl($0) && $0.value >= 0x7F }.map { String(format: "U+%04X", $0.value) })
        #expect(controls.isEmpty, "no DEL, C1 or bidi control reached the terminal: \(controls.sorted())")
    }

    @Test func resizingToTooSmallAndBackAndAResizeStormKeepTheDashboardDrawn() throws {
        let scratch = TemporaryFolder()
        try declaredIncident(in: scratch)
        let dashboard = try startDashboard(in: scratch, width: 100, height: 30)
        // The reference must be a whole frame: tmux may be read halfway through the first one.
        let original = try #require(dashboard.waitForSteadyScreen { $0.first?.contains("Checkout is down") == true },
                                    "screen:\n\(dashboard.screen)")

        try dashboard.resize(width: 40, height: 12)
        let smallest = dashboard.waitUntil { rows in
            rows.count == 12 && rows[0].contains("SEV1") && rows[11].hasPrefix(" n note")
        }
        #expect(smallest != nil, "40x12 still gets a dashboard; screen:\n\(dashboard.screen)")
        #expect(smallest?.contains { $0.contains("Timeline") } == true)

        try dashboard.resize(width: 30, height: 10)
        #expect(dashboard.waitFor("this is 30x10."), "screen:\n\(dashboard.screen)")
        #expect(dashboard.lines.prefix(2) == ["sitrep needs at least", "40x12;"])

        try dashboard.resize(width: 100, height: 30)
        #expect(waitForSameBody(dashboard, as: original), "back at 100x30 it looks as before; screen:\n\(dashboard.screen)")

        // Twenty sizes in a row, some too small, faster than the dashboard can draw them all.
        let sizes = [(30, 10), (120, 40), (40, 12), (80, 24), (55, 16)]
        try dashboard.resize(through: (0..<20).map { sizes[$0 % sizes.count] } + [(100, 30)])
        #expect(waitForSameBody(dashboard, as: original), "after the storm it looks as before; screen:\n\(dashboard.screen)")

        // Still running and answering keys.
        try dashboard.press("?")
        #expect(dashboard.waitFor("Keys — Esc or ? closes"), "screen:\n\(dashboard.screen)")
        try dashboard.press("Escape")
        #expect(dashboard.waitForAbsence(of: "Keys — Esc or ? closes"))
        #expect(!dashboard.screen.contains("EXITED"))
    }

    @Test(arguments: ["q", "C-c"])
    func quittingExitsZeroAndGivesTheTerminalBack(key: String) throws {
        let scratch = TemporaryFolder()
        try declaredIncident(in: scratch)
        let dashboard = try startDashboard(in: scratch)
        #expect(dashboard.waitFor("Checkout is down"), "screen:\n\(dashboard.screen)")
        #expect(try dashboard.format("#{alternate_on}") == "1", "the dashboard draws on the alternate screen")

        try dashboard.press(key)
        #expect(dashboard.waitFor("EXITED"), "screen:\n\(dashboard.screen)")
        let rows = dashboard.lines
        #expect(rows.contains("EXITED 0"), "screen:\n\(rows.joined(separator: "\n"))")
        #expect(rows.contains(Self.modesRestored), "stty settings are as before the dashboard")
        #expect(!rows.contains { $0.contains("Checkout is down") || $0.contains("Timeline") }, "the dashboard is gone")
        // Off the alternate screen, cursor shown again, keypad back in normal mode.
        #expect(try dashboard.format("#{alternate_on} #{cursor_flag} #{keypad_flag}") == "0 1 0")
    }

    // MARK: Helpers

    private static let modesRestored = "TERMINAL MODES RESTORED"

    /// A journal with a SEV1 incident declared by alice; the CLI to write more into it.
    @discardableResult
    func declaredIncident(in scratch: TemporaryFolder, journal: String = "incident.jsonl") throws -> CLI {
        let cli = CLI(folder: scratch.path)
        let declared = try cli.run(["declare", "Checkout is down", "--severity", "SEV1", "--actor", "alice", "-j", journal])
        try #require(declared.status == 0, "\(declared.stderr)")
        return cli
    }

    /// The dashboard in a tmux pane, started from a shell that then says how it ended: whether
    /// the terminal's modes (`stty -g`) came back as they were, and the exit status. The shell
    /// stays on afterwards so the pane, and what it printed, can still be read.
    /// With `startFile`, the shell waits for that file before it starts the dashboard, so a test
    /// can set the pane up (say, record it) before the first byte is drawn.
    func startDashboard(journal: String = "incident.jsonl", actor: String = "ic", options: [String] = [],
                                startFile: String? = nil, in scratch: TemporaryFolder,
                                width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws -> TmuxSession {
        let wait = startFile.map { "while [ ! -e \($0.shellQuoted) ]; do sleep 0.02; done" } ?? ""
        let script = """
            \(wait)
            before=$(stty -g)
            \(TmuxSession.sitrepCommandLine(["-j", journal, "--actor", actor] + options, environment: environment))
            status=$?
            if [ "$(stty -g)" = "$before" ]; then echo \(Self.modesRestored); else echo TERMINAL MODES CHANGED; fi
            echo "EXITED $status"
            exec sleep 600
            """
        return try TmuxSession(width: width, height: height, folder: scratch.path, script: script)
    }

    /// Opens a prompt with `key`, answers each prompt in turn (label → text), and waits for the
    /// footer to confirm the entry.
    func record(in dashboard: TmuxSession, key: String, prompts: KeyValuePairs<String, String>,
                        confirmation: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try dashboard.press(key)
        for (label, text) in prompts {
            #expect(dashboard.waitFor(label), "prompt \(label); screen:\n\(dashboard.screen)", sourceLocation: sourceLocation)
            try dashboard.type(text)
            try dashboard.press("Enter")
        }
        #expect(dashboard.waitFor(confirmation), "screen:\n\(dashboard.screen)", sourceLocation: sourceLocation)
    }

    /// Waits for a whole frame showing every timeline text, then checks that the header is still on
    /// top, the key hints still at the bottom, and the texts in order.
    private func expectIntact(_ dashboard: TmuxSession, title: String, timeline: [String],
                              sourceLocation: SourceLocation = #_sourceLocation) {
        let shown = dashboard.waitForSteadyScreen { rows in
            timeline.allSatisfy { text in rows.contains { $0.contains(text) } }
        }
        let rows = shown ?? dashboard.lines
        let screen = rows.joined(separator: "\n")
        #expect(rows.first?.contains(title) == true, "header; screen:\n\(screen)", sourceLocation: sourceLocation)
        #expect(rows.last?.hasPrefix(" n note") == true, "footer; screen:\n\(screen)", sourceLocation: sourceLocation)
        let positions = timeline.map { text in rows.firstIndex { $0.contains(text) } }
        #expect(!positions.contains(nil), "every entry shown; screen:\n\(screen)", sourceLocation: sourceLocation)
        let found = positions.compactMap { $0 }
        #expect(found == found.sorted(), "entries in order; screen:\n\(screen)", sourceLocation: sourceLocation)
    }

    /// Waits until everything below the two header rows (whose clock and durations tick) is as
    /// in `reference`.
    private func waitForSameBody(_ dashboard: TmuxSession, as reference: [String]) -> Bool {
        dashboard.waitUntil { $0.dropFirst(2) == reference.dropFirst(2) } != nil
    }
}
