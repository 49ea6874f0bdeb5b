import IncidentCore

/// A recording being replayed: the clock, the incident as it stood at the clock's moment, and the
/// same panes the live dashboard shows, kept the same way. Nothing here can record; its keys are
/// in ReplaySession+Keys.
public final class ReplaySession {
    /// The indexed recording; nil while a long journal's preview is on show (`ReplayPreview`)
    /// and the recording is indexed behind it.
    public private(set) var recording: ReplayRecording?
    public internal(set) var clock: ReplayClock
    /// Events that had happened by the clock's time.
    public private(set) var position = 0
    /// The incident at `position`.
    public private(set) var state: IncidentState
    var panes = PaneBrowser(help: KeyReference.replayHelp)
    private let poolThreshold: Double
    /// The position whose incident is on show; nil before the first refresh.
    private var shownPosition: Int?
    /// Until the recording is indexed: the preview on show, and the indexing once it has begun.
    private(set) var preview: ReplayPreview?
    var indexing: ReplayIndexing?
    /// Why the recording could not be indexed, if it could not: the preview stays.
    var indexFailure: String?
    /// A time typed while the recording was read, to jump to once it is in.
    var pendingSeek: String?
    let foldOptions: FoldOptions

    /// `poolThreshold` sets where the pools pane turns to its warning colour; what counts as
    /// saturated is the recording's fold options' business.
    public convenience init(recording: ReplayRecording, speed: Double, from start: Timestamp?, paused: Bool,
                            skipsQuietStretches: Bool, poolThreshold: Double = 0.9) {
        let origin = start ?? recording.start ?? .now()
        self.init(origin: origin, options: recording.options, speed: speed, paused: paused,
                  skipsQuietStretches: skipsQuietStretches, poolThreshold: poolThreshold)
        adopt(recording)
    }

    /// Replay of a long journal: `preview` is on show, still, until `startIndexing` has indexed
    /// the whole recording with `options`.
    public convenience init(preview: ReplayPreview, options: FoldOptions, speed: Double, paused: Bool,
                            skipsQuietStretches: Bool, poolThreshold: Double = 0.9) {
        self.init(origin: preview.moment, options: options, speed: speed, paused: paused,
                  skipsQuietStretches: skipsQuietStretches, poolThreshold: poolThreshold)
        self.preview = preview
        state = preview.state
        // Enter reads an entry's line back: from the file by number until the index can say where.
        panes.lineReader = try? FileLineReader(path: preview.path)
        panes.show(preview.state.timeline, revision: preview.state.timelineRevision,
                   upTo: preview.state.timeline.count, asOf: preview.moment)
    }

    private init(origin: Timestamp, options: FoldOptions, speed: Double, paused: Bool, skipsQuietStretches: Bool,
                 poolThreshold: Double) {
        self.poolThreshold = poolThreshold
        foldOptions = options
        state = IncidentState(options: FoldOptions(poolSaturationThreshold: poolThreshold))
        clock = ReplayClock(time: origin, speed: speed, playing: !paused, skipsQuietStretches: skipsQuietStretches)
    }

    /// Shows `recording` from the clock's moment on.
    func adopt(_ recording: ReplayRecording) {
        self.recording = recording
        preview = nil
        panes.lineReader = recording
        if !recording.badLines.isEmpty {
            panes.show("\(recording.badLines.count) bad journal lines skipped (first: \(recording.badLines[0]))", error: true)
        }
        shownPosition = nil
        refresh()
    }

    public var ui: DashboardUIState { panes.ui }
    public var entries: TimelineEntries { panes.entries }

    /// The header's second row: what is playing, where, how fast.
    public var banner: String {
        var text = "REPLAY \(clock.isPlaying ? "▶" : "❚❚") \(SpeedText.factor(clock.speed))×  \(TimeText.utc(clock.time))"
        guard let recording else { return text + "  " + previewNote }
        text += "  event \(position)/\(recording.eventCount)"
        if let end = recording.end, clock.time >= end { text += "  (end of recording)" }
        if let skip = clock.lastSkip, clock.time.seconds(until: skip.landedAt.adding(seconds: 3 * clock.speed)) > 0 {
            text += "  ⏭ skipped \(DurationText.compact(skip.seconds))"
        }
        return text
    }

    /// Real seconds until something on screen changes while playing: the next event, or a tick.
    public var secondsUntilNextChange: Double? {
        if indexing != nil { return Self.indexingCheckInterval }
        guard clock.isPlaying, let recording else { return nil }
        let tick = 0.25
        guard let next = recording.time(ofEvent: position) else { return tick }
        return min(tick, max(0.005, clock.realSeconds(until: next)))
    }

    /// When the footer's information is due to fade, if it shows any.
    var messageDeadline: ContinuousClock.Instant? { ui.message?.fadesAt }

    /// Fades the footer's information if its time is up; true when a redraw is due.
    func fadeMessage(at now: ContinuousClock.Instant = .now) -> Bool {
        panes.fadeMessage(at: now)
    }

    public func advance(realSeconds: Double) {
        guard let recording else { return }  // the clock waits for the whole recording
        let before = clock
        clock.advance(realSeconds: realSeconds, nextEvent: recording.time(ofEvent: position), end: recording.end)
        if clock != before { refresh() }
    }

    /// `t`: a time of day on the recording's first day (or the clock's day), or a full RFC 3339 time.
    public func seek(typed text: String) -> String? {
        guard let moment = ReplayFormat.parseMoment(text, around: clock.time) else {
            return "\"\(text)\" is not a time: type HH:MM, HH:MM:SS or 2023-06-01T09:15:00Z"
        }
        guard let recording else { return waitForRecording(toSeek: text) }
        if let end = recording.end, moment > end {
            clock.jump(to: end)
            clock.isPlaying = false
            refresh()
            panes.show("the recording ends at \(TimeText.utc(end)): stopped at its end", error: false)
            return nil
        }
        if let start = recording.start, moment < start {
            clock.jump(to: start)
            refresh()
            panes.show("the recording starts at \(TimeText.utc(start)): jumped to its start", error: false)
            return nil
        }
        clock.jump(to: moment)
        refresh()
        return nil
    }

    /// Shows the incident as it stood at the clock's time. What is shown depends only on how many
    /// events have happened (every entry and amendment carries its event's time), so while the
    /// clock ticks between two events nothing is refolded.
    func refresh() {
        guard let recording else { return }  // the preview stays as it is
        position = recording.position(at: clock.time)
        guard position != shownPosition else { return }
        do {
            state = try recording.state(afterEvents: position)
            panes.show(recording.timeline, revision: recording.timelineRevision, upTo: recording.timelineCount(at: clock.time), asOf: clock.time)
            shownPosition = position
        } catch {
            panes.show("cannot read the recording: \(error)", error: true)
        }
    }

    // MARK: Frame

    /// The panes at the clock's moment, under replay's banner and without a wall clock.
    public func frame() -> DashboardFrame {
        panes.frame(of: state, FrameChrome(now: clock.time, head: nil, banner: banner, poolThreshold: poolThreshold,
                                           hints: KeyReference.replayHints,
                                           showsWallClock: false,
                                           undeclaredTitle: "not declared at this point of the recording"))
    }

    /// Tells the session how many timeline rows the last layout had, for paging.
    public func noteLayout(width: Int, height: Int) {
        panes.noteLayout(width: width, height: height, of: state)
    }

    func draw(on backend: any TerminalBackend) {
        DrawStep.draw(on: backend, layout: noteLayout, frame: frame)
        panes.prepareFilter()
    }
}
