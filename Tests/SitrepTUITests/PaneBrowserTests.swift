import IncidentCore
import Testing
@testable import SitrepTUI

/// The panes every mode shares: what they take from a key before the mode, and what they hand back.
@Suite struct PaneBrowserTests {
    struct ModePrompt: PromptPurpose {
        var label: String { "a mode's own" }
    }

    func timeline(_ texts: [String]) -> [TimelineEntry] {
        var state = IncidentState()
        for (line, text) in texts.enumerated() {
            let time = DashboardFixture.time("2023-06-01T09:00:00Z").adding(seconds: Double(line))
            state.apply(Event(ts: time, kind: .note, actor: "alice", text: text), line: line + 1)
        }
        return state.timeline
    }

    @Test func enterInAModesPromptIsHandedBackWithWhatWasTyped() {
        var panes = PaneBrowser()
        panes.ui.prompt = Prompt(purpose: ModePrompt())
        for character in "11:30" { _ = panes.handleFirst(.character(character)) }
        guard case .submit(let prompt) = panes.handleFirst(.enter) else {
            Issue.record("Enter in a mode's prompt must go back to the mode")
            return
        }
        #expect(prompt.purpose is ModePrompt && prompt.editor.text == "11:30")
        #expect(panes.ui.prompt != nil, "the mode decides whether the prompt closes")
    }

    @Test func theFilterIsThePanesOwnAndAppliesAsItIsTyped() {
        var panes = PaneBrowser()
        panes.show(timeline(["restarted db-1", "pool exhausted", "db-1 back"]))
        guard case .passed = panes.handleFirst(.character("/")) else {
            Issue.record("with nothing open, a key is the mode's first")
            return
        }
        #expect(panes.handleNavigationKey(.character("/"), of: IncidentState()) == .redraw)
        for character in "db-1" { _ = panes.handleFirst(.character(character)) }
        #expect(panes.entries.count == 2)
        guard case .done = panes.handleFirst(.enter) else {
            Issue.record("Enter in the filter is the panes' own")
            return
        }
        #expect(panes.ui.prompt == nil && panes.ui.filter == "db-1")
    }

    /// Long texts (searched with memchr) and a timeline long enough to be filtered on both cores
    /// give what Unicode's own lowercasing finds, in any case, at either end, beyond ASCII.
    @Test func longTextsAndLongTimelinesMatchAsUnicodeLowercasingWould() {
        let texts = ["checked the primary pool again, iteration 12 ZULU", "ZULU at the start of a longer note here",
                     "a longer note whose last word is zulu", "Temperature of the long server room: 300 \u{212A}",
                     "İstanbul office reports the checkout is slow again", "nothing to see in this long note at all",
                     "Überlastung der DB-1-Verbindungen seit zehn Minuten", "short one", "zz zu zul zulu zulu!"]
        let all = timeline((0...TimelineFilter.splitFrom).map { texts[$0 % texts.count] + ($0 % 5 == 0 ? " #\($0)" : "") })
        let lowered = all.map { $0.text.lowercased() }
        for needle in ["ZU", "300 k", "i̇stanbul", "überl", "#49995", "qqq"] {
            let entries = TimelineEntries(all, filter: needle)
            let loweredNeedle = needle.lowercased()
            let expected = all.indices.filter { lowered[$0].contains(loweredNeedle) || "alice note".contains(loweredNeedle) }
            #expect(entries.count == expected.count, "\(needle)")
            #expect((0..<entries.count).allSatisfy { entries[$0].line == all[expected[$0]].line }, "\(needle)")
        }
    }

    /// Typed a key at a time, each keystroke narrowing the last (only its matches looked at
    /// again), then shortened by Backspace: the same entries as filtering the whole timeline,
    /// in any case, in and beyond ASCII.
    @Test func theFilterMatchesInAnyCaseAsTypedAndAsWhole() {
        let texts = ["Restarted DB-1", "pool exhausted", "db-1 back", "Überlastung der DB-1-Verbindungen",
                     "Temperature 300 \u{212A}", "kelvin", "ÉCHEC de db-1", "nothing here"]
        let all = timeline(texts)
        func whole(_ filter: String) -> [String] {
            let entries = TimelineEntries(all, filter: filter)
            return (0..<entries.count).map { entries[$0].text }
        }
        #expect(whole("db-1") == ["Restarted DB-1", "db-1 back", "Überlastung der DB-1-Verbindungen", "ÉCHEC de db-1"])
        #expect(whole("überl") == ["Überlastung der DB-1-Verbindungen"])
        #expect(whole("échec") == ["ÉCHEC de db-1"])
        #expect(whole("300 k") == ["Temperature 300 \u{212A}"], "a Kelvin sign lowercases to k, as before")
        #expect(whole("ALICE").count == texts.count, "the actor counts")
        #expect(whole("note").count == texts.count, "the kind counts")

        var panes = PaneBrowser()
        panes.show(all)
        _ = panes.handleNavigationKey(.character("/"), of: IncidentState())
        var typed = ""
        for character in "db-1 b" {
            _ = panes.handleFirst(.character(character))
            typed.append(character)
            #expect((0..<panes.entries.count).map { panes.entries[$0].text } == whole(typed), "after \(typed)")
        }
        _ = panes.handleFirst(.backspace)
        _ = panes.handleFirst(.backspace)
        #expect((0..<panes.entries.count).map { panes.entries[$0].text } == whole("db-1"))
    }

    @Test func promptsOfDifferentPurposesDiffer() {
        #expect(Prompt(purpose: ModePrompt()) != Prompt(purpose: FilterPrompt()))
        #expect(Prompt(purpose: ModePrompt(), text: "a") == Prompt(purpose: ModePrompt(), text: "a"))
        #expect(Prompt(.note) != Prompt(.task))
    }

    @Test func onlyEscOrQuestionMarkClosesTheOverlayAndQStillQuits() {
        var panes = PaneBrowser(help: KeyReference.liveHelp)
        panes.ui.showingHelp = true
        guard case .done(let stray) = panes.handleFirst(.character("x")) else {
            Issue.record("the overlay takes every key")
            return
        }
        #expect(stray == .none && panes.ui.showingHelp, "a stray key leaves it open")
        guard case .done(let quit) = panes.handleFirst(.character("q")), quit.quit else {
            Issue.record("q quits from the overlay, as its title says")
            return
        }
        for key in [Key.escape, .character("?")] {
            panes.ui.showingHelp = true
            _ = panes.handleFirst(key)
            #expect(!panes.ui.showingHelp, "\(key) closes it")
        }
    }
}
