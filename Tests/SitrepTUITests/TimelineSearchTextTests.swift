import IncidentCore
import TestSupport
import Testing
@testable import SitrepTUI

/// The filter's search text (every entry's fields, lowercased, in one buffer) finds what comparing
/// each entry's fields finds, as the timeline grows, is amended, or is another one.
///
/// One at a time: filtering 50,000 entries keeps a thread of the test pool busy for seconds.
@Suite(.oneAtATime) struct TimelineSearchTextTests {
    static func time(_ second: Int) -> Timestamp {
        DashboardFixture.time("2023-06-01T09:00:00Z").adding(seconds: Double(second))
    }

    /// The entries the filter keeps, found by comparing each entry's fields (no search text).
    static func comparedOneByOne(_ all: [TimelineEntry], _ filter: String, limit: Int? = nil) -> [Int] {
        let entries = TimelineEntries(all, filter: filter, limit: limit)
        return (0..<entries.count).map { entries[$0].line }
    }

    static func searched(_ all: [TimelineEntry], _ filter: String, limit: Int? = nil, in searchText: TimelineSearchText) -> [Int] {
        let entries = TimelineEntries(all, filter: TimelineFilter(filter), limit: limit, asOf: nil, narrowing: nil,
                                      searchText: searchText)
        return (0..<entries.count).map { entries[$0].line }
    }

    static let texts = [
        "checked the primary pool again, iteration 12 ZULU", "ZULU at the start", "ends in zulu",
        "Temperature of the server room: 300 \u{212A}", "İstanbul office reports checkout slow",
        "Überlastung der DB-1-Verbindungen", "short", "zz zu zul zulu zulu!", "a\u{0}zulu after a NUL",
        "ÉCHEC de db-1", "e\u{301}clair with a combining accent",
    ]

    static func timeline(_ count: Int) -> [TimelineEntry] {
        var state = IncidentState()
        for number in 0..<count {
            var event = Event(ts: time(number), kind: number % 3 == 0 ? .escalation : .note,
                              actor: number % 4 == 0 ? "Bob" : "alice", text: texts[number % texts.count] + " #\(number)")
            if number % 3 == 0 { event.to = "DRAINED web-\(number % 7)" }
            state.apply(event, line: number + 1)
        }
        return state.timeline
    }

    /// Over a timeline long enough to be searched and made on both cores, in any case, in and
    /// beyond ASCII, in every field, with and without a replay's cut.
    @Test func findsWhatComparingEachEntryFinds() {
        let all = Self.timeline(TimelineSearchText.splitFrom + 11)
        var searchText = TimelineSearchText()
        let covered = searchText.cover(all, revision: .fresh())
        #expect(covered)
        for filter in ["ZU", "300 k", "i̇stanbul", "überl", "#50003", "bob", "escalation", "drained web-3", "e", "qqq"] {
            let expected = Self.comparedOneByOne(all, filter)
            #expect(Self.searched(all, filter, in: searchText) == expected, "\(filter)")
            #expect(Self.searched(all, filter, limit: 1_000, in: searchText) == Array(expected.prefix { $0 <= 1_000 }),
                    "\(filter), cut")
        }
        #expect(Self.searched(all, "300 k", in: searchText).count == all.count / Self.texts.count + 1,
                "the Kelvin sign lowercases to k")
    }

    /// A dashboard following a journal with the filter on: each arrival, amendment, backdated
    /// entry and restart shows what filtering the whole timeline anew shows.
    @Test func keepsUpWithTheTimelineItFilters() {
        var state = IncidentState()
        var panes = PaneBrowser()
        var line = 0
        func apply(_ text: String, at second: Int, id: String? = nil, ref: String? = nil) {
            line += 1
            var event = Event(ts: Self.time(second), kind: ref == nil ? .note : .amend, actor: "alice", text: text)
            (event.id, event.ref) = (id, ref)
            state.apply(event, line: line)
            panes.show(state.timeline, revision: state.timelineRevision)
        }
        func shownMatchesWhole(_ why: String) {
            let shown = (0..<panes.entries.count).map { panes.entries[$0].line }
            #expect(shown == Self.comparedOneByOne(state.timeline, panes.ui.filter), "\(why)")
        }
        apply("db-1 slow", at: 0, id: "n1")
        apply("db-2 fine", at: 10)
        panes.setFilter("db-1")
        shownMatchesWhole("filtered")
        apply("db-1 restarted", at: 20)
        shownMatchesWhole("an entry added at the end")
        apply("db-2 slow, not the other", at: 30, ref: "n1")
        shownMatchesWhole("an amendment took db-1 out of the first entry")
        apply("DB-1 backdated", at: 5)
        shownMatchesWhole("a backdated entry")
        var typed = ""
        for character in "DB-1 r" {
            typed.append(character)
            panes.setFilter(typed)
            shownMatchesWhole("narrowed to \(typed)")
        }
        state = IncidentState()
        line = 0
        apply("db-1 after the restart", at: 0)
        panes.setFilter("db-1")
        shownMatchesWhole("a new, shorter timeline")
    }

    /// Its memory is spent only once the filter is used: when `/` opens the prompt and the prompt
    /// is on screen (the loops call `prepareFilter` after drawing), not while a journal is read.
    @Test func isMadeWhenTheFilterPromptOpensNotBefore() {
        let all = Self.timeline(500)
        var panes = PaneBrowser()
        panes.show(all, revision: .fresh())
        panes.prepareFilter()
        #expect(panes.searchTextCoverage == 0)
        _ = panes.handleNavigationKey(.character("/"), of: IncidentState())
        panes.prepareFilter()
        #expect(panes.searchTextCoverage == all.count)
        _ = panes.handleFirst(.character("z"))
        #expect(panes.entries.count == Self.comparedOneByOne(all, "z").count)
    }
}
