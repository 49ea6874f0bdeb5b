import IncidentCore

/// A recording being replayed in the dashboard: the clock, the keys that move it, and the
/// dashboard controller that shows the incident at the clock's moment (read-only).
public final class ReplaySession {
    public let recording: ReplayRecording
    public let controller: DashboardController
    public private(set) var clock: ReplayClock
    /// Events that had happened by the clock's time.
    public private(set) var position = 0
    /// The position whose incident is on show; nil before the first refresh.
    private var shownPosition: Int?

    public init(recording: ReplayRecording, settings: DashboardSettings, speed: Double, from start: Timestamp?,
                paused: Bool, skipsQuietStretches: Bool) {
        self.recording = recording
        var settings = settings
        settings.readOnlyReason = "replay is read-only: nothing can be recorded here"
        settings.bell = false
        let first = recording.start ?? .now()
        let origin = start ?? first
        controller = DashboardController(store: FileJournal(path: recording.path), settings: settings, clock: { origin })
        clock = ReplayClock(time: origin, speed: speed, playing: !paused, skipsQuietStretches: skipsQuietStretches)
        controller.seekHandler = { [unowned self] text in self.seek(typed: text) }
        if !recording.badLines.isEmpty {
            controller.show("\(recording.badLines.count) bad journal lines skipped (first: \(recording.badLines[0]))", error: true)
        }
        refresh()
    }

    /// The header's second row: what is playing, where, how fast.
    public var banner: String {
        var text = "REPLAY \(clock.isPlaying ? "▶" : "❚❚") \(SpeedText.factor(clock.speed))×  \(TimeText.utc(clock.time))"
        text += "  event \(position)/\(recording.eventCount)"
        if let skip = clock.lastSkip, clock.time.seconds(until: skip.landedAt.adding(seconds: 3 * clock.speed)) > 0 {
            text += "  ⏭ skipped \(DurationText.compact(skip.seconds))"
        }
        return text
    }

    /// Real seconds until something on screen changes while playing: the next event, or a tick.
    public var secondsUntilNextChange: Double? {
        guard clock.isPlaying else { return nil }
        let tick = 0.25
        guard let next = recording.time(ofEvent: position) else { return tick }
        return min(tick, max(0.005, clock.realSeconds(until: next)))
    }

    public func advance(realSeconds: Double) {
        let before = clock
        clock.advance(realSeconds: realSeconds, nextEvent: recording.time(ofEvent: position), end: recording.end)
        if clock != before { refresh() }
    }

    /// Keys replay owns; everything else goes to the dashboard (scrolling, filter, help, quit).
    @discardableResult
    public func handle(_ key: Key) -> Reaction {
        guard controller.ui.prompt == nil, controller.ui.picker == nil, !controller.ui.showingHelp else {
            return controller.handle(key)
        }
        switch key {
        case .character(" "): clock.isPlaying.toggle()
        case .character("+"), .character("="): clock.changeSpeed(faster: true)
        case .character("-"): clock.changeSpeed(faster: false)
        case .right: step(to: recording.nextEventTime(after: clock.time))
        case .left: step(to: recording.previousEventTime(before: clock.time))
        case .character("]"): step(to: recording.humanEventTime(from: clock.time, forward: true))
        case .character("["): step(to: recording.humanEventTime(from: clock.time, forward: false))
        case .character("g"), .home: step(to: recording.start)
        case .character("G"), .end: step(to: recording.end)
        case .character("t"): controller.ui.prompt = Prompt(.seek)
        default: return controller.handle(key)
        }
        refresh()
        return .redraw
    }

    private func step(to moment: Timestamp?) {
        guard let moment else { return }
        clock.jump(to: moment)
    }

    /// `t`: a time of day on the recording's first day (or the clock's day), or a full RFC 3339 time.
    public func seek(typed text: String) -> String? {
        guard let moment = ReplayFormat.parseMoment(text, around: clock.time) else {
            return "\"\(text)\" is not a time: type HH:MM, HH:MM:SS or 2023-06-01T09:15:00Z"
        }
        clock.jump(to: moment)
        refresh()
        return nil
    }

    /// Shows the incident as it stood at the clock's time. What is shown depends only on how many
    /// events have happened (every entry and amendment carries its event's time), so while the
    /// clock ticks between two events nothing is refolded.
    func refresh() {
        position = recording.position(at: clock.time)
        guard position != shownPosition else { return }
        do {
            let state = try recording.state(afterEvents: position)
            controller.display(state, timeline: recording.timeline, upTo: recording.timelineCount(at: clock.time),
                               asOf: clock.time)
            shownPosition = position
        } catch {
            controller.show("cannot read the recording: \(error)", error: true)
        }
    }
}

enum ReplayFormat {
    /// `09:15`, `09:15:30` (on the day of `around`), or a full RFC 3339 time.
    static func parseMoment(_ text: String, around time: Timestamp) -> Timestamp? {
        let trimmed = text.trimmingWhitespace()
        if let full = RFC3339.parse(trimmed) { return full }
        let parts = trimmed.split(separator: ":").map { Int($0) }
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0 != nil }) else { return nil }
        let day = CivilTime(time).dateText
        let clock = parts.map { RFC3339.pad2($0!) }.joined(separator: ":") + (parts.count == 2 ? ":00" : "")
        return RFC3339.parse("\(day)T\(clock)Z")
    }
}
