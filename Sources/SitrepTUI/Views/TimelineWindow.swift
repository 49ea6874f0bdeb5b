import IncidentCore

/// The timeline entries on show: all of them, or those matching the filter, oldest first.
public struct TimelineEntries: Sendable {
    public let all: [TimelineEntry]
    /// Only the first `limit` entries of `all` count (replay shows the timeline cut at its clock).
    let limit: Int
    /// Replay's clock: entries amended after it show their original text.
    let asOf: Timestamp?
    /// Positions in `all` that match the filter; nil when there is no filter.
    let matching: [Int]?
    let filter: TimelineFilter

    public init(_ all: [TimelineEntry], filter: String, limit: Int? = nil, asOf: Timestamp? = nil) {
        self.init(all, filter: TimelineFilter(filter), limit: limit, asOf: asOf, narrowing: nil)
    }

    /// `narrowing`: the entries shown a keystroke ago, over the same timeline; when the filter
    /// only got longer, just its matches are looked at again.
    /// `searchText`: the filter's search text, when it covers `all`.
    init(_ all: [TimelineEntry], filter: TimelineFilter, limit: Int?, asOf: Timestamp?, narrowing previous: TimelineEntries?,
         searchText: TimelineSearchText? = nil) {
        self.all = all
        self.limit = min(all.count, limit ?? all.count)
        self.asOf = asOf
        self.filter = filter
        if filter.isEmpty {
            matching = nil
        } else if let previous, let candidates = previous.matching, previous.limit == self.limit,
                  previous.all.count == all.count, filter.narrows(previous.filter) {
            matching = filter.matching(in: all, among: candidates, limit: self.limit, searchText: searchText)
        } else {
            matching = filter.matching(in: all, among: nil, limit: self.limit, searchText: searchText)
        }
    }

    public var count: Int { matching?.count ?? limit }

    /// How many entries there are before filtering.
    public var unfilteredCount: Int { limit }

    public subscript(position: Int) -> TimelineEntry {
        let entry = all[matching?[position] ?? position]
        return asOf.map { entry.asOf($0) } ?? entry
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
        var day = CivilTime(entries[position].ts).dateText
        while position >= 0, rows.count < height {
            rows.append(.entry(position))
            let previousDay = position > 0 ? CivilTime(entries[position - 1].ts).dateText : nil
            if day != previousDay, rows.count < height { rows.append(.day(entries[position].ts)) }
            if let previousDay { day = previousDay }
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
