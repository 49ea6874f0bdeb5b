import IncidentCore
import Testing
@testable import SitrepTUI

/// A long timeline's filter looks at each half on its own core: joined, the halves' answers are
/// the one-thread answer in the same order.
@Suite struct TwoThreadScanTests {
    @Test func joinsBothHalvesInOrder() {
        for count in [0, 1, 2, 3, 10, 1_001] {
            let split = TwoThreadScan.positions(0..<count, splittingFrom: 2) { part in part.filter { $0 % 3 != 1 } }
            #expect(split == (0..<count).filter { $0 % 3 != 1 }, "\(count) positions")
        }
        #expect(TwoThreadScan.positions(5..<9, splittingFrom: 2) { Array($0) } == [5, 6, 7, 8])
    }

    /// What a user sees on a timeline long enough to be split: the entries whose text, actor,
    /// kind or detail holds the filter in Unicode's lowercasing, oldest first, typed whole and
    /// narrowed a key at a time.
    @Test func aLongTimelineKeepsTheEntriesWhoseFieldsHoldTheFilter() {
        var state = IncidentState()
        let words = ["Zulu", "entry", "DB-1", "Überlast", "pool", "Temperature 300 \u{212A}", "restarted", "İstanbul", "ok"]
        let start = Timestamp(secondsSinceEpoch: 1_685_610_000)
        let count = TwoThreadScan.splitFrom + 1_001
        for line in 1...count {
            let text = words[line % words.count] + (line % 7 == 0 ? " zulu" : "")
            let kind: EventKind = line % 5 == 0 ? .cause : .note
            state.apply(Event(ts: start.adding(seconds: Double(line)), kind: kind, actor: line % 4 == 0 ? "Bob" : "alice",
                              text: text), line: line)
        }
        let all = state.timeline
        #expect(all.count == count)
        func expected(_ filter: String) -> [Int] {
            let needle = filter.lowercased()
            return all.filter { entry in
                [entry.text, entry.actor, entry.kind.name, entry.detail].contains { $0?.lowercased().contains(needle) == true }
            }.map(\.line)
        }
        func shown(_ entries: TimelineEntries) -> [Int] { (0..<entries.count).map { entries[$0].line } }
        for filter in ["ZU", "300 k", "CAUSE", "bob"] {
            #expect(shown(TimelineEntries(all, filter: filter)) == expected(filter), "filter \(filter)")
        }
        var panes = PaneBrowser()
        panes.show(all)
        _ = panes.handleNavigationKey(.character("/"), of: IncidentState())
        var typed = ""
        for character in "zulu" {
            _ = panes.handleFirst(.character(character))
            typed.append(character)
            #expect(shown(panes.entries) == expected(typed), "after \(typed)")
        }
    }
}
