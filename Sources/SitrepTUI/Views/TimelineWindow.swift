import IncidentCore

/// The timeline entries on show: all of them, or those matching the filter, oldest first.
public struct TimelineEntries: Sendable {
    public let all: [TimelineEntry]
    /// Positions in `all` that match the filter; nil when there is no filter.
    let matching: [Int]?

    public init(_ all: [TimelineEntry], filter: String) {
        self.all = all
        let needle = filter.lowercased()
        matching = needle.isEmpty ? nil : all.indices.filter { Self.matches(all[$0], needle) }
    }

    public var count: Int { matching?.count ?? all.count }

    public subscript(position: Int) -> TimelineEntry { all[matching?[position] ?? position] }

    private static func matches(_ entry: TimelineEntry, _ needle: String) -> Bool {
        [entry.text, entry.actor ?? "", entry.kind.name, entry.detail ?? ""]
            .contains { $0.lowercased().contains(needle) }
    }
}

/// The rows of the timeline pane, worked out from the entry at the bottom upwards: only what
/// fits is looked at, so a timeline of a hundred thousand entries draws as fast as one of ten.
/// A day row goes above the first entry of each day, so dates show whenever the day changes.
enum TimelineRow: Equatable {
    case day(Timestamp)
    case entry(Int)
}

enum TimelineWindow {
    static func rows(_ entries: TimelineEntries, bottom: Int, height: Int) -> [TimelineRow] {
        guard height > 0, entries.count > 0 else { return [] }
        var rows: [TimelineRow] = []
        var position = min(bottom, entries.count - 1)
        while position >= 0, rows.count < height {
            rows.append(.entry(position))
            let day = CivilTime(entries[position].ts).dateText
            let previousDay = position > 0 ? CivilTime(entries[position - 1].ts).dateText : nil
            if day != previousDay, rows.count < height { rows.append(.day(entries[position].ts)) }
            position -= 1
        }
        return rows.reversed()
    }

    /// The topmost entry shown when `bottom` is the lowest.
    static func topEntry(_ entries: TimelineEntries, bottom: Int, height: Int) -> Int? {
        for row in rows(entries, bottom: bottom, height: height) {
            if case .entry(let position) = row { return position }
        }
        return nil
    }
}
