import IncidentCore

/// What every mode shows beside the incident itself, and keeps the same way: focus, scrolling,
/// the filtered timeline with its selection, the footer's message and the `?` overlay. Live and
/// replay each own one and hand it the timeline they show; its keys are in PaneBrowser+Keys.
struct PaneBrowser {
    var ui = DashboardUIState()
    /// The mode's keys for the `?` overlay.
    let help: [HelpSection]
    private(set) var entries = TimelineEntries([], filter: "")
    /// The entry at the bottom of the timeline pane.
    private(set) var timelineBottom = 0
    /// The journal line of the selected entry, so the selection stays on it as entries arrive.
    private var selectedLine: Int?
    private var timeline: (all: [TimelineEntry], revision: TimelineRevision?, limit: Int?, asOf: Timestamp?) = ([], nil, nil, nil)
    /// The filter's search text for the timeline shown; made the first time the filter is used.
    private var searchText = TimelineSearchText()
    /// Where the detail view reads an entry's whole event back from; set by the mode.
    var lineReader: (any JournalLineReading)?
    /// Why the journal cannot be read back now (a store known to be unreachable): the detail view
    /// says so at once instead of waiting on it.
    var lineReaderTrouble: String?

    init(help: [HelpSection] = []) {
        self.help = help
    }

    /// Shows `all`, or only its first `limit` entries as they read at `asOf` (replay's moment).
    /// `revision` tells the filter's search text what it can keep; without it, nothing.
    mutating func show(_ all: [TimelineEntry], revision: TimelineRevision = .fresh(), upTo limit: Int? = nil, asOf: Timestamp? = nil) {
        timeline = (all, revision, limit, asOf)
        refreshEntries()
    }

    /// Brings the filter's search text up to the timeline shown, once the filter prompt is open:
    /// the loops call it after drawing, so the prompt shows first and the first letter typed finds
    /// the text made. Does nothing otherwise, or when it is up to date.
    mutating func prepareFilter() {
        guard ui.prompt?.isFilter == true else { return }
        _ = coveredSearchText()
    }

    /// How many entries the filter's search text covers: none until the filter is first used.
    var searchTextCoverage: Int { searchText.count }

    /// The search text covering the timeline shown, when there is one to cover.
    private mutating func coveredSearchText() -> TimelineSearchText? {
        guard let revision = timeline.revision, searchText.cover(timeline.all, revision: revision) else { return nil }
        return searchText
    }

    /// Lets go of the timeline shown, until the next `show`: while the pane holds it, every
    /// event folded into the state's timeline would copy the whole array (copy on write), which
    /// made the first load of a long incident quadratic. Nothing is drawn in between.
    mutating func letGoOfTimeline() {
        timeline.all = []
        timeline.revision = nil
        entries = TimelineEntries([], filter: "")
    }

    mutating func show(_ text: String, error: Bool, at now: ContinuousClock.Instant = .now) {
        ui.message = FooterMessage(text: text, isError: error,
                                   fadesAt: error ? nil : now.advanced(by: FooterMessage.informationLifetime))
    }

    /// Takes information whose time is up out of the footer; true when it did (a redraw is due).
    mutating func fadeMessage(at now: ContinuousClock.Instant = .now) -> Bool {
        guard let fadesAt = ui.message?.fadesAt, now >= fadesAt else { return false }
        ui.message = nil
        return true
    }

    /// Takes the terminal's size, so paging moves by as many rows as the timeline pane shows.
    mutating func noteLayout(width: Int, height: Int, of state: IncidentState) {
        let layout = DashboardView.layout(width: width, height: height, services: state.services.count,
                                          pools: state.pools.count, footerRows: FooterView.rows(for: ui),
                                          zoomed: ui.zoomed ? ui.focus : nil)
        ui.timelineRows = max(1, layout.timeline.height - 2)
        keepSelectionVisible()
        fitDetail(in: layout.body)
        ui.helpPageRows = HelpView.textArea(of: help, in: layout.body).height
        ui.helpScroll = max(0, min(ui.helpScroll, HelpView.maximumScroll(of: help, in: layout.body)))
    }

    /// The frame both modes draw; `chrome` is what the mode adds around the panes.
    func frame(of state: IncidentState, _ chrome: FrameChrome) -> DashboardFrame {
        var frame = DashboardFrame(
            state: state, ui: ui, entries: entries, timelineBottom: timelineBottom, now: chrome.now, head: chrome.head,
            poolThreshold: chrome.poolThreshold, banner: chrome.banner, hints: chrome.hints,
            help: help + Self.journalSection(chrome.journal, head: chrome.head))
        frame.showsWallClock = chrome.showsWallClock
        frame.undeclaredTitle = chrome.undeclaredTitle
        frame.journal = chrome.journal
        frame.detail = detailEntry
        return frame
    }

    mutating func setFilter(_ text: String) {
        ui.filter = text
        select(nil)
        refreshEntries(narrowing: entries)
    }

    /// `narrowing`: what was shown, when only the filter changed since (not the timeline).
    private mutating func refreshEntries(narrowing previous: TimelineEntries? = nil) {
        let filter = TimelineFilter(ui.filter)
        let searchText = filter.searchNeedle == nil ? nil : coveredSearchText()
        entries = TimelineEntries(timeline.all, filter: filter, limit: timeline.limit, asOf: timeline.asOf,
                                  narrowing: previous, searchText: searchText)
        reselect()
        keepSelectionVisible()
        if ui.detail != nil, detailEntry == nil { ui.detail = nil }
    }

    /// The `?` overlay's last section: the file and the head of its hash chain, where the header
    /// no longer shows it.
    private static func journalSection(_ journal: JournalLabel?, head: String?) -> [HelpSection] {
        guard journal != nil || head != nil else { return [] }
        var keys: [(key: String, action: String)] = []
        if let journal {
            switch journal.condition {
            case .present: keys.append(("journal", journal.path))
            case .readingEarlierSamples(let percent):
                keys.append(("journal", journal.path + " (earlier samples \(percent)% read)"))
            case .noFileYet: keys.append(("journal", journal.path + " (not there yet)"))
            case .unreachable: keys.append(("journal", journal.path + " (unreachable: showing what was read)"))
            }
        }
        if let head { keys.append(("chain head", "#" + head.prefix(16) + " (sitrep verify checks it)")) }
        return [("Journal", keys)]
    }

    // MARK: Detail view

    /// Enter: the selected entry, or the newest while following, opens whole.
    mutating func openDetail() {
        guard entries.count > 0 else { return show("nothing recorded yet", error: false) }
        let entry = entries[ui.selectedEntry ?? entries.count - 1]
        if let lineReaderTrouble {
            ui.detail = EntryDetailState(line: entry.line, readProblem: lineReaderTrouble)
        } else {
            ui.detail = Self.readBack(entry, from: lineReader)
        }
    }

    /// The entry's line read back for every field the timeline does not keep. A line that no
    /// longer holds the entry (another file in its place) is said, not shown as the entry's.
    private static func readBack(_ entry: TimelineEntry, from reader: (any JournalLineReading)?) -> EntryDetailState {
        guard let reader else { return EntryDetailState(line: entry.line) }
        do {
            guard let event = try reader.event(atLine: entry.line), event.ts == entry.ts else {
                return EntryDetailState(line: entry.line, readProblem: "line \(entry.line) of the journal no longer holds this entry")
            }
            return EntryDetailState(line: entry.line, event: event)
        } catch {
            return EntryDetailState(line: entry.line, readProblem: "its journal line could not be read back: \(error)")
        }
    }

    /// The entry open in the detail view, as it reads now (in replay: at the replay's moment).
    var detailEntry: TimelineEntry? {
        guard let line = ui.detail?.line, entries.count > 0 else { return nil }
        if let index = ui.selectedEntry, index < entries.count, entries[index].line == line { return entries[index] }
        return (0..<entries.count).last { entries[$0].line == line }.map { entries[$0] }
    }

    /// Keeps the detail view's scroll within its text at the terminal's size.
    private mutating func fitDetail(in body: Rect) {
        guard let entry = detailEntry, var detail = ui.detail else { return }
        detail.scroll = max(0, min(detail.scroll, EntryDetailView.maximumScroll(of: entry, detail, in: body)))
        detail.pageRows = max(1, EntryDetailView.textArea(in: body).height)
        ui.detail = detail
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
    /// The journal the live dashboard follows; replay names none.
    var journal: JournalLabel?
    /// Replay's banner carries its own clock; a wall clock beside it would only confuse.
    var showsWallClock = true
    /// The header's title before a declaration: how to declare, in a mode that can.
    var undeclaredTitle = DashboardFrame.liveUndeclaredTitle
}
