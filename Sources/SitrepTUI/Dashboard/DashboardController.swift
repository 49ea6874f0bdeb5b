import IncidentCore

/// What the loop must do after the controller took a key or journal updates.
public struct Reaction: Equatable, Sendable {
    public var redraw = false
    public var beep = false
    public var quit = false
    public var fullRepaint = false

    public static let none = Reaction()
    public static let redraw = Reaction(redraw: true)

    mutating func merge(_ other: Reaction) {
        redraw = redraw || other.redraw
        beep = beep || other.beep
        quit = quit || other.quit
        fullRepaint = fullRepaint || other.fullRepaint
    }
}

public struct DashboardSettings: Sendable {
    /// Who records what is typed without an `@name` prefix.
    public var actor: String
    public var poolThreshold: Double
    public var bell: Bool
    /// Set in replay: why keys that would record are refused.
    public var readOnlyReason: String?

    public init(actor: String, poolThreshold: Double = 0.9, bell: Bool = true, readOnlyReason: String? = nil) {
        self.actor = actor
        self.poolThreshold = poolThreshold
        self.bell = bell
        self.readOnlyReason = readOnlyReason
    }
}

/// The live dashboard's behaviour, without a terminal: it folds journal updates into the incident,
/// turns keys into journal appends and UI changes, and describes the frame to draw.
///
/// It never changes the incident itself when someone types: it appends to the journal, and the
/// entry appears when the follower brings it back, exactly as another responder's would.
public final class DashboardController {
    public private(set) var state: IncidentState
    public internal(set) var ui = DashboardUIState()
    public private(set) var entries: TimelineEntries
    public private(set) var head: String?
    public let settings: DashboardSettings
    let store: any JournalStore
    let clock: () -> Timestamp
    var timelineBottom = 0
    var selectedLine: Int?
    private var bell = AlarmBell()
    /// Replay's timeline: the whole recording's, shown up to `limit` as it read at `asOf`.
    private var replayTimeline: (all: [TimelineEntry], limit: Int, asOf: Timestamp)?
    /// Replay's answer to a time typed at `t`: an error to show, or nil once it has moved.
    public var seekHandler: ((String) -> String?)?
    private var loaded = false
    private var badLineCount = 0

    public init(store: any JournalStore, settings: DashboardSettings, clock: @escaping () -> Timestamp = { .now() }) {
        self.store = store
        self.settings = settings
        self.clock = clock
        state = IncidentState(options: FoldOptions(poolSaturationThreshold: settings.poolThreshold))
        entries = TimelineEntries([], filter: "")
    }

    // MARK: Journal updates

    /// Folds what the follower brought. The first batch is the journal so far: it rings no bell.
    @discardableResult
    public func ingest(_ updates: [FollowUpdate]) -> Reaction {
        guard !updates.isEmpty else { return .none }
        var firstBad: BadLine?
        var badInBatch = 0
        for update in updates {
            switch update {
            case let .record(.event(event, line)):
                state.apply(event, line: line)
            case .record(.bad(let bad)):
                badInBatch += 1
                if firstBad == nil { firstBad = bad }
            case .restart(let reason):
                state = IncidentState(options: state.options)
                ui.selectedEntry = nil
                show(reason, error: true)
            case .warning(let text):
                show(text, error: true)
            }
        }
        if let firstBad { reportBadLines(badInBatch, first: firstBad) }
        head = (try? store.headHash()) ?? head
        refreshEntries()
        var reaction = Reaction.redraw
        reaction.beep = bell.shouldRing(after: state) && loaded && settings.bell
        loaded = true
        return reaction
    }

    private func reportBadLines(_ count: Int, first: BadLine) {
        badLineCount += count
        let more = count > 1 ? " (and \(count - 1) more)" : ""
        show("skipped bad journal line \(first)\(more)", error: true)
    }

    /// Replay shows a moment of a recording rather than what a follower brought.
    public func display(_ state: IncidentState, timeline: [TimelineEntry], upTo limit: Int, asOf time: Timestamp) {
        self.state = state
        replayTimeline = (timeline, limit, time)
        refreshEntries()
    }

    func refreshEntries() {
        if let replay = replayTimeline {
            entries = TimelineEntries(replay.all, filter: ui.filter, limit: replay.limit, asOf: replay.asOf)
        } else {
            entries = TimelineEntries(state.timeline, filter: ui.filter)
        }
        reselect()
        keepSelectionVisible()
    }

    // MARK: Frame

    public func frame(now: Timestamp? = nil, banner: String? = nil) -> DashboardFrame {
        let replaying = settings.readOnlyReason != nil
        var frame = DashboardFrame(
            state: state, ui: ui, entries: entries, timelineBottom: timelineBottom, now: now ?? clock(), head: head,
            poolThreshold: settings.poolThreshold, banner: banner,
            hints: replaying ? KeyReference.replayHints : KeyReference.liveHints,
            help: replaying ? KeyReference.replayHelp : KeyReference.liveHelp)
        frame.isReplay = replaying
        return frame
    }

    /// Tells the controller how many timeline rows the last layout had, for paging.
    public func noteLayout(width: Int, height: Int) {
        let layout = DashboardView.layout(width: width, height: height, services: state.services.count,
                                          pools: state.pools.count, footerRows: FooterView.rows(for: ui))
        ui.timelineRows = max(1, layout.timeline.height - 2)
        keepSelectionVisible()
    }

    public func show(_ text: String, error: Bool) {
        ui.message = FooterMessage(text: text, isError: error)
    }

    // MARK: Selection

    /// Keeps the selection on the same entry when entries are inserted before it.
    private func reselect() {
        guard let line = selectedLine else { return }
        if let index = ui.selectedEntry, index < entries.count, entries[index].line == line { return }
        ui.selectedEntry = (0..<entries.count).last { entries[$0].line == line }
        if ui.selectedEntry == nil { selectedLine = nil }
    }

    func select(_ position: Int?) {
        guard entries.count > 0, let position else {
            ui.selectedEntry = nil
            selectedLine = nil
            keepSelectionVisible()
            return
        }
        let clamped = max(0, min(entries.count - 1, position))
        ui.selectedEntry = clamped
        selectedLine = entries[clamped].line
        keepSelectionVisible()
    }

    func keepSelectionVisible() {
        guard entries.count > 0 else {
            timelineBottom = 0
            return
        }
        guard let selected = ui.selectedEntry else {
            timelineBottom = entries.count - 1
            return
        }
        timelineBottom = min(max(timelineBottom, selected), entries.count - 1)
        // No window holds more than `timelineRows` entries, so any bottom further below would
        // leave the selection above the top: start where the walk up could first succeed. (A
        // jump to the oldest entry of a long timeline would otherwise lay out every window between.)
        if ui.timelineRows > 0 { timelineBottom = min(timelineBottom, selected + ui.timelineRows - 1) }
        while let top = TimelineWindow.topEntry(entries, bottom: timelineBottom, height: ui.timelineRows),
              selected < top, timelineBottom > 0 {
            timelineBottom -= 1
        }
    }
}
