/// A finished (or still growing) journal, indexed for replay: every event's time and place in
/// the file, the whole timeline as it ends up, and checkpoints of the fold.
///
/// Replay shows the incident as it stood at a moment T: the fold of every event with `ts` ≤ T,
/// applied in time order. Seeking restores the nearest checkpoint at or before T and folds the
/// few events after it, read back from the file; the timeline is the full one cut at T, so no
/// checkpoint has to carry it.
public final class ReplayRecording: Sendable {
    public let path: String
    /// Events in time order (file order among equal times).
    let events: [EventPlace]
    /// The timeline at the end of the journal, in `ts` order.
    public let timeline: [TimelineEntry]
    /// The timeline never changes once read.
    public let timelineRevision = TimelineRevision.fresh()
    public let badLines: [BadLine]
    public let options: FoldOptions
    private let checkpoints: [IncidentState]
    private let fetcher: LineFetcher
    static let checkpointSpacing = 2048

    /// 24 bytes, one per event: a million-event journal's index is 24 MB.
    struct EventPlace: Sendable {
        let ts: Timestamp
        /// The offset, with whether a responder recorded it in the top bit (offsets never reach it).
        private let offsetAndHuman: UInt64
        let length: Int32
        let line: Int32

        init(ts: Timestamp, offset: Int64, length: Int32, line: Int32, isHuman: Bool) {
            (self.ts, self.length, self.line) = (ts, length, line)
            offsetAndHuman = UInt64(offset) | (isHuman ? Self.humanBit : 0)
        }

        var offset: Int64 { Int64(offsetAndHuman & ~Self.humanBit) }
        var isHuman: Bool { offsetAndHuman & Self.humanBit != 0 }
        private static let humanBit: UInt64 = 1 << 63
    }

    public var eventCount: Int { events.count }
    public var start: Timestamp? { events.first?.ts }
    public var end: Timestamp? { events.last?.ts }

    public convenience init(path: String, options: FoldOptions = FoldOptions()) throws(JournalError) {
        try self.init(path: path, options: options, continuing: { _ in true })
    }

    /// `continuing` is asked now and then with the bytes read so far; false stops the reading at
    /// once, and the recording made is not one to show (whoever stopped it drops it).
    init(path: String, options: FoldOptions, continuing: (Int64) -> Bool) throws(JournalError) {
        self.path = path
        let options = Self.foldOptions(options)
        self.options = options
        let index = try ReplayIndexer.index(path: path, options: options, continuing: continuing)
        events = index.events
        badLines = index.badLines
        fetcher = try LineFetcher(path: path)
        if index.stopped {
            (timeline, checkpoints) = ([], [])  // not wanted any more: not worth a second pass
        } else if let fold = index.fold {
            (timeline, checkpoints) = (fold.state.timeline, fold.checkpoints)
        } else {
            (timeline, checkpoints) = try Self.foldInTimeOrder(events, fetcher: fetcher, options: options)
        }
    }

    /// Replay folds every event, whatever the time asked for, and keeps the timeline.
    static func foldOptions(_ options: FoldOptions) -> FoldOptions {
        var options = options
        options.asOf = nil
        options.keepsTimeline = true
        return options
    }

    /// One pass over the events in time order: the final timeline, and a checkpoint every
    /// `checkpointSpacing` events (checkpoint k holds the state after k × spacing events).
    private static func foldInTimeOrder(
        _ events: [EventPlace], fetcher: LineFetcher, options: FoldOptions
    ) throws(JournalError) -> ([TimelineEntry], [IncidentState]) {
        var state = IncidentState(options: options)
        var checkpoints: [IncidentState] = []
        for (position, place) in events.enumerated() {
            if position % checkpointSpacing == 0 { checkpoints.append(state.checkpoint()) }
            if let event = try decode(place, fetcher: fetcher) { state.apply(event, line: Int(place.line)) }
        }
        return (state.timeline, checkpoints)
    }

    private static func decode(_ place: EventPlace, fetcher: LineFetcher) throws(JournalError) -> Event? {
        try fetcher.withLine(offset: place.offset, length: Int(place.length)) { bytes in
            try? EventDecoder.decode(bytes).get()
        }
    }

    /// How many events have happened by `time`: those with `ts` ≤ `time`.
    public func position(at time: Timestamp) -> Int {
        Self.partitionPoint(events.count) { events[$0].ts <= time }
    }

    /// The time of the event at `position` (0-based), for stepping from event to event.
    public func time(ofEvent position: Int) -> Timestamp? {
        events.indices.contains(position) ? events[position].ts : nil
    }

    /// The incident after the first `position` events (without its timeline: see `timeline(at:)`).
    public func state(afterEvents position: Int) throws(JournalError) -> IncidentState {
        let target = max(0, min(position, events.count))
        guard !checkpoints.isEmpty else { return IncidentState(options: options).checkpoint() }
        let checkpointIndex = min(target / Self.checkpointSpacing, checkpoints.count - 1)
        var state = checkpoints[checkpointIndex]
        for place in events[(checkpointIndex * Self.checkpointSpacing)..<target] {
            if let event = try Self.decode(place, fetcher: fetcher) { state.apply(event, line: Int(place.line)) }
        }
        return state
    }

    /// How many of the final timeline's entries had happened by `time`.
    public func timelineCount(at time: Timestamp) -> Int {
        Self.partitionPoint(timeline.count) { timeline[$0].ts <= time }
    }

    /// The time of the last event before `time`, if any: `←` in replay.
    public func previousEventTime(before time: Timestamp) -> Timestamp? {
        let index = firstIndex(notBefore: time) - 1
        return index >= 0 ? events[index].ts : nil
    }

    /// The time of the first event after `time`, if any: `→` in replay.
    public func nextEventTime(after moment: Timestamp) -> Timestamp? {
        time(ofEvent: position(at: moment))
    }

    /// The time of the next (or previous) entry a person wrote, strictly after (before) `time`.
    public func humanEventTime(from time: Timestamp, forward: Bool) -> Timestamp? {
        if forward {
            return events[position(at: time)...].first { $0.isHuman }?.ts
        }
        return events[..<firstIndex(notBefore: time)].last { $0.isHuman }?.ts
    }

    /// The first event with `ts` ≥ `time`.
    private func firstIndex(notBefore time: Timestamp) -> Int {
        Self.partitionPoint(events.count) { events[$0].ts < time }
    }

    /// The first index in `0..<count` where `isBefore` turns false; `isBefore` must hold for a
    /// prefix of the indices and fail for the rest (times sorted ascending).
    private static func partitionPoint(_ count: Int, _ isBefore: (Int) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if isBefore(middle) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension ReplayRecording: JournalLineReading {
    /// The event on line `number`, read back from the file through the index: a look-up walks the
    /// index (a million places take about a millisecond), as the detail view opens one entry.
    public func event(atLine number: Int) throws(JournalError) -> Event? {
        guard let place = events.first(where: { Int($0.line) == number }) else { return nil }
        return try Self.decode(place, fetcher: fetcher)
    }
}
