import IncidentCore

/// What every mode shows beside the incident itself, and keeps the same way: focus, scrolling,
/// the filtered timeline with its selection, the footer's message and the `?` overlay. Live and
/// replay each own one and hand it the timeline they show; its keys are in PaneBrowser+Keys.
struct PaneBrowser {
    var ui = DashboardUIState()
    private(set) var entries = TimelineEntries([], filter: "")
    /// The entry at the bottom of the timeline pane.
    private(set) var timelineBottom = 0
    /// The journal line of the selected entry, so the selection stays on it as entries arrive.
    private var selectedLine: Int?
    private var timeline: (all: [TimelineEntry], limit: Int?, asOf: Timestamp?) = ([], nil, nil)

    /// Shows `all`, or only its first `limit` entries as they read at `asOf` (replay's moment).
    mutating func show(_ all: [TimelineEntry], upTo limit: Int? = nil, asOf: Timestamp? = nil) {
        timeline = (all, limit, asOf)
        refreshEntries()
    }

    mutating func show(_ text: String, error: Bool) {
        ui.message = FooterMessage(text: text, isError: error)
    }

    /// Takes the terminal's size, so paging moves by as many rows as the timeline pane shows.
    mutating func noteLayout(width: Int, height: Int, of state: IncidentState) {
        let layout = DashboardView.layout(width: width, height: height, services: state.services.count,
                                          pools: state.pools.count, footerRows: FooterView.rows(for: ui))
        ui.timelineRows = max(1, layout.timeline.height - 2)
        keepSelectionVisible()
    }

    /// The frame both modes draw; `chrome` is what the mode adds around the panes.
    func frame(of state: IncidentState, _ chrome: FrameChrome) -> DashboardFrame {
        var frame = DashboardFrame(
            state: state, ui: ui, entries: entries, timelineBottom: timelineBottom, now: chrome.now, head: chrome.head,
            poolThreshold: chrome.poolThreshold, banner: chrome.banner, hints: chrome.hints, help: chrome.help)
        frame.showsWallClock = chrome.showsWallClock
        return frame
    }

    mutating func setFilter(_ text: String) {
        ui.filter = text
        select(nil)
        refreshEntries()
    }

    private mutating func refreshEntries() {
        entries = TimelineEntries(timeline.all, filter: ui.filter, limit: timeline.limit, asOf: timeline.asOf)
        reselect()
        keepSelectionVisible()
    }

    // MARK: Selection

    /// Keeps the selection on the same entry when entries are inserted before it.
    private mutating func reselect() {
        guard let line = selectedLine else { return }
        if let index = ui.selectedEntry, index < entries.count, entries[index].line == line { return }
        ui.selectedEntry = (0..<entries.count).last { entries[$0].line == line }
        if ui.selectedEntry == nil { selectedLine = nil }
    }

    mutating func select(_ position: Int?) {
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

    private mutating func keepSelectionVisible() {
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

/// What a mode draws around the panes: its moment, its banner, its keys.
struct FrameChrome {
    var now: Timestamp
    var head: String?
    var banner: String?
    var poolThreshold: Double
    var hints: [(key: String, action: String)]
    var help: [(title: String, keys: [(key: String, action: String)])]
    /// Replay's banner carries its own clock; a wall clock beside it would only confuse.
    var showsWallClock = true
}
