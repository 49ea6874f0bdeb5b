import Foundation
import IncidentCore
import TestSupport
import Testing
@testable import SitrepTUI

/// The dashboard's behaviour on a real journal file, without a terminal.
@Suite struct DashboardControllerTests {
    let folder = TemporaryFolder()
    var path: String { folder.path + "/incident.jsonl" }

    func controller(actor: String = "zoe", path: String? = nil) throws -> (DashboardController, any JournalFollowing) {
        let store = FileJournal(path: path ?? self.path)
        let controller = DashboardController(store: store, settings: DashboardSettings(actor: actor),
                                             clock: { DashboardFixture.now })
        let follower = try store.follow()
        controller.ingest(follower.readAvailable())
        return (controller, follower)
    }

    func type(_ text: String, into controller: DashboardController) {
        for character in text { controller.handle(.character(character)) }
    }

    func journal() throws -> [Event] {
        try FileJournal(path: path).events()
    }

    @Test func aTypedNoteIsAppendedAndComesBackThroughTheFollower() throws {
        let (controller, follower) = try controller()
        controller.handle(.character("n"))
        type("restarted db-1", into: controller)
        #expect(controller.state.timeline.isEmpty, "typing alone changes nothing")
        controller.handle(.enter)
        #expect(controller.ui.prompt == nil)
        let events = try journal()
        #expect(events.count == 1)
        #expect(events[0].kind == .note && events[0].text == "restarted db-1" && events[0].actor == "zoe")
        controller.ingest(follower.readAvailable())
        #expect(controller.state.timeline.map(\.text) == ["restarted db-1"])
    }

    /// The timeline keeps what it shows; Enter reads the rest of the entry back from the file.
    @Test func enterReadsTheWholeEventBackFromTheJournalLine() throws {
        var alert = Event(ts: DashboardFixture.now, kind: .alert, actor: "alertmanager", text: "pool primary saturated")
        alert.service = "db"
        alert.level = "critical"
        alert.extra = [.init(key: "fingerprint", value: .string("f00d"))]
        try FileJournal(path: path).append(alert)
        let (controller, _) = try controller()
        controller.handle(.enter)
        let event = try #require(controller.ui.detail?.event)
        #expect(event.extraValue("fingerprint") == .string("f00d") && event.id != nil)
        let screen = DashboardView.render(controller.frame(), width: 100, height: 30).lines().joined(separator: "\n")
        for shown in ["fingerprint f00d", "level    critical", "id       \(event.id!)", "logged"] {
            #expect(screen.contains(shown), "\(shown):\n\(screen)")
        }
    }

    /// The journal rewritten in place before the follower noticed: the detail says the line is
    /// no longer the entry's rather than showing another event's fields as its own.
    @Test func aLineThatNoLongerHoldsTheEntryIsSaid() throws {
        try FileJournal(path: path).append(Event(ts: DashboardFixture.now, kind: .note, actor: "ann", text: "first"))
        let (controller, _) = try controller()
        try (#"{"ts":"2023-06-01T08:00:00Z","kind":"note","text":"other"}"# + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        controller.handle(.enter)
        #expect(controller.ui.detail?.event == nil)
        #expect(controller.ui.detail?.readProblem?.contains("line 1") == true)
    }

    /// A store known to be unreachable is not waited on: the detail says why it shows less.
    @Test func enterWhileTheStoreIsUnreachableSaysSoAtOnce() throws {
        try FileJournal(path: path).append(Event(ts: DashboardFixture.now, kind: .note, actor: "ann", text: "first"))
        let (controller, _) = try controller()
        controller.ingest([.unreachable(since: DashboardFixture.now, reason: "connection refused")])
        controller.handle(.enter)
        #expect(controller.ui.detail?.event == nil)
        #expect(controller.ui.detail?.readProblem == "the journal's store cannot be reached: connection refused")
        controller.ingest([.reachable])
        controller.handle(.escape)
        controller.handle(.enter)
        #expect(controller.ui.detail?.event?.text == "first", "read back once the store answers again")
    }

    @Test func atNameRecordsAsThatResponder() throws {
        let (controller, _) = try controller()
        controller.handle(.character("n"))
        type("@carol pool max is 50", into: controller)
        controller.handle(.enter)
        #expect(try journal().first?.actor == "carol")
        #expect(try journal().first?.text == "pool max is 50")
    }

    @Test func anEscalationAsksWhomThenWhy() throws {
        let (controller, _) = try controller()
        controller.handle(.character("e"))
        type("database administration", into: controller)
        controller.handle(.enter)
        #expect(controller.ui.prompt?.kind == .escalationReason(to: "database administration"))
        type("restart did not help", into: controller)
        controller.handle(.enter)
        let event = try #require(try journal().first)
        #expect(event.kind == .escalation && event.to == "database administration" && event.text == "restart did not help")
    }

    @Test func emptyEntriesAndEscRecordNothing() throws {
        let (controller, _) = try controller()
        controller.handle(.character("n"))
        type("   ", into: controller)
        controller.handle(.enter)
        controller.handle(.character("m"))
        type("half typed", into: controller)
        controller.handle(.escape)
        #expect(controller.ui.prompt == nil)
        #expect(try !FileManager.default.fileExists(atPath: path) || journal().isEmpty)
    }

    @Test func pickersRecordStatusAndSeverity() throws {
        let (controller, _) = try controller()
        controller.handle(.character("s"))
        controller.handle(.character("m"))
        controller.handle(.enter)
        controller.handle(.character("v"))
        controller.handle(.character("2"))
        controller.handle(.enter)
        controller.handle(.character("m"))
        type("raised pool size", into: controller)
        controller.handle(.enter)
        let events = try journal()
        #expect(events.map(\.kind) == [.status, .severity, .mitigation])
        #expect(events[0].state == "monitoring")
        #expect(events[1].severity == "SEV2")
        #expect(events[2].state == "applied")
    }

    @Test func theDeclareKeyAsksTitleSeverityAndImpact() throws {
        let (controller, follower) = try controller()
        controller.handle(.character("D"))
        #expect(controller.ui.prompt?.kind == .declarationTitle)
        type("Checkout: pool exhausted", into: controller)
        controller.handle(.enter)
        #expect(controller.ui.picker?.purpose == .declaration(title: "Checkout: pool exhausted"))
        controller.handle(.character("1"))
        controller.handle(.enter)
        #expect(controller.ui.prompt?.kind == .declarationImpact(title: "Checkout: pool exhausted", severity: "SEV1"))
        type("  half of all orders fail ", into: controller)
        controller.handle(.enter)
        #expect(controller.ui.prompt == nil)

        let event = try #require(try journal().first)
        #expect(event.kind == .declare && event.actor == "zoe" && event.text == nil)
        #expect(event.title == "Checkout: pool exhausted" && event.severity == "SEV1")
        #expect(event.impact == "half of all orders fail")
        controller.ingest(follower.readAvailable())
        #expect(controller.state.title == "Checkout: pool exhausted" && controller.state.severity == "SEV1")
    }

    @Test func anEmptyImpactIsLeftOutAndASecondDeclareIsRefused() throws {
        let (controller, follower) = try controller()
        controller.handle(.character("D"))
        type("Search slow", into: controller)
        controller.handle(.enter)
        controller.handle(.enter)  // the picker starts on SEV1
        controller.handle(.enter)  // no impact
        let first = try #require(try journal().first)
        #expect(first.kind == .declare && first.impact == nil && first.severity == "SEV1")
        controller.ingest(follower.readAvailable())

        controller.handle(.character("D"))
        #expect(controller.ui.prompt == nil, "no title prompt over a declared incident")
        let message = try #require(controller.ui.message)
        #expect(!message.isError && message.text.contains("already declared: \"Search slow\""))
        #expect(message.text.contains("--redeclare"))
        #expect(try journal().count == 1)
    }

    @Test func aDeclarationThatArrivesWhileTypingIsNotOverwritten() throws {
        let (controller, follower) = try controller()
        controller.handle(.character("D"))
        type("Checkout down", into: controller)
        controller.handle(.enter)
        controller.handle(.enter)  // SEV1
        // Meanwhile, from another shell:
        var theirs = Event(ts: DashboardFixture.now, kind: .declare, actor: "bob")
        theirs.title = "Payments: pool exhausted"
        theirs.severity = "SEV2"
        try FileJournal(path: path).append(theirs)
        controller.ingest(follower.readAvailable())
        controller.handle(.enter)  // no impact
        #expect(try journal().filter { $0.kind == .declare }.count == 1)
        #expect(controller.state.title == "Payments: pool exhausted")
        let message = try #require(controller.ui.message)
        #expect(message.isError && message.text.contains("declared meanwhile as \"Payments: pool exhausted\""))
        #expect(message.text.contains("Yours was \"Checkout down\""), "what was typed is shown back: \(message.text)")
    }

    @Test func aFailedAppendSaysWhyAndKeepsTheText() throws {
        let (controller, _) = try controller(path: folder.path + "/missing-folder/incident.jsonl")
        controller.handle(.character("n"))
        type("do not lose me", into: controller)
        controller.handle(.enter)
        #expect(controller.ui.prompt?.editor.text == "do not lose me")
        #expect(controller.ui.message?.isError == true)
        #expect(controller.ui.message?.text.hasPrefix("NOT RECORDED: cannot open") == true)
        let lines = DashboardView.render(controller.frame(), width: 100, height: 30).lines()
        #expect(lines.last == " note› do not lose me")
        #expect(lines[lines.count - 2].hasPrefix(" NOT RECORDED: cannot open"), "the error stays in view above the kept text")
    }

    @Test func movingTheSelectionScrollsTheLeastThatShowsIt() throws {
        let store = FileJournal(path: path)
        let start = DashboardFixture.time("2023-06-01T00:00:00Z")
        // 300 notes over four days: day rows take room in some windows and not in others.
        try store.appendAll((0..<300).map { Event(ts: start.adding(seconds: Double($0) * 1_000), kind: .note, actor: "bob", text: "note \($0)") })
        let (controller, _) = try controller()
        controller.noteLayout(width: 100, height: 30)
        let rows = controller.ui.timelineRows
        func top(_ bottom: Int) -> Int { TimelineWindow.topEntry(controller.entries, bottom: bottom, height: rows) ?? 0 }
        var bottom = controller.timelineBottom
        for key: Key in [.home, .pageDown, .pageDown, .down, .end, .pageUp, .up, .home, .end] {
            controller.handle(key)
            guard let selected = controller.ui.selectedEntry else {  // back to following the newest
                bottom = controller.entries.count - 1
                #expect(controller.timelineBottom == bottom, "after \(key)")
                continue
            }
            // What scrolling means, walked one entry at a time: the last bottom at or below the
            // old one (or the selection) whose window still shows the selection.
            bottom = min(max(bottom, selected), controller.entries.count - 1)
            while top(bottom) > selected, bottom > 0 { bottom -= 1 }
            #expect(controller.timelineBottom == bottom, "after \(key)")
            #expect(top(bottom) <= selected && selected <= bottom, "the selection is in view after \(key)")
        }
    }

    @Test func amendingTheSelectedEntry() throws {
        let store = FileJournal(path: path)
        let first = try store.append(Event(ts: DashboardFixture.time("2023-06-01T10:00:00Z"), kind: .note, actor: "bob", text: "restarted db-1"))
        try store.append(Event(ts: DashboardFixture.time("2023-06-01T10:01:00Z"), kind: .note, actor: "bob", text: "later"))
        let (controller, follower) = try controller()
        controller.handle(.up)
        controller.handle(.up)
        #expect(controller.ui.selectedEntry == 0)
        controller.handle(.character("a"))
        #expect(controller.ui.prompt?.editor.text == "restarted db-1", "starts from the current text")
        controller.handle(.ctrlU)
        type("restarted db-2", into: controller)
        controller.handle(.enter)
        let amend = try #require(try journal().last)
        #expect(amend.kind == .amend && amend.ref == first.id && amend.text == "restarted db-2")
        controller.ingest(follower.readAvailable())
        #expect(controller.state.timeline[0].text == "restarted db-2")
        #expect(controller.state.timeline[0].isAmended)
    }

    @Test func theFilterNarrowsTheTimelineAndEscClearsIt() throws {
        let store = FileJournal(path: path)
        for text in ["pool exhausted", "restart db", "pool resized"] {
            try store.append(Event(ts: DashboardFixture.now, kind: .note, actor: "bob", text: text))
        }
        let (controller, _) = try controller()
        controller.handle(.character("/"))
        type("POOL", into: controller)
        #expect(controller.entries.count == 2)
        controller.handle(.enter)
        #expect(controller.ui.filter == "POOL" && controller.entries.count == 2)
        controller.handle(.character("/"))
        controller.handle(.escape)
        #expect(controller.ui.filter.isEmpty && controller.entries.count == 3)
    }

    @Test func theBellRingsOncePerEpisodeAndNotForHistory() throws {
        let store = FileJournal(path: path)
        func health(_ state: String) throws {
            var event = Event(ts: .now(), kind: .health, actor: "collector")
            event.service = "web"
            event.state = state
            try store.append(event)
        }
        try health("down")
        let (controller, follower) = try controller()
        try health("up")
        #expect(!controller.ingest(follower.readAvailable()).beep, "recovery is quiet; the old outage was history")
        try health("down")
        #expect(controller.ingest(follower.readAvailable()).beep)
        try health("down")
        #expect(!controller.ingest(follower.readAvailable()).beep, "still the same episode")
    }

    @Test func quitKeysAndHelp() throws {
        let (controller, _) = try controller()
        #expect(controller.handle(.character("q")).quit)
        #expect(controller.handle(.ctrlC).quit)
        controller.handle(.character("?"))
        #expect(controller.ui.showingHelp)
        #expect(!controller.handle(.character("n")).redraw && controller.ui.showingHelp, "only Esc or ? closes help")
        #expect(controller.ui.prompt == nil, "a recording key does nothing under the overlay")
        controller.handle(.character("?"))
        #expect(!controller.ui.showingHelp)
        controller.handle(.character("n"))
        #expect(!controller.handle(.character("q")).quit, "q is a letter inside a prompt")
        #expect(controller.ui.prompt?.editor.text == "q")
    }

    @Test func selectionFollowsUntilTheUserScrollsBack() throws {
        let store = FileJournal(path: path)
        for index in 0..<30 { try store.append(Event(ts: DashboardFixture.now, kind: .note, actor: "a", text: "n\(index)")) }
        let (controller, follower) = try controller()
        controller.noteLayout(width: 100, height: 20)
        #expect(controller.ui.isFollowing)
        controller.handle(.pageUp)
        let selected = try #require(controller.ui.selectedEntry)
        try store.append(Event(ts: DashboardFixture.now, kind: .note, actor: "a", text: "new"))
        controller.ingest(follower.readAvailable())
        #expect(controller.ui.selectedEntry == selected, "scrolled back stays put while entries arrive")
        controller.handle(.character("G"))
        #expect(controller.ui.isFollowing)
        let lines = DashboardView.render(controller.frame(), width: 100, height: 20).lines()
        #expect(lines.contains { $0.contains("note   new") })
    }
}
