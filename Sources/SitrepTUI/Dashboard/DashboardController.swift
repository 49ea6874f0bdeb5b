import IncidentCore

public struct DashboardSettings: Sendable {
    /// Who records what is typed without an `@name` prefix.
    public var actor: String
    public var poolThreshold: Double
    public var bell: Bool

    public init(actor: String, poolThreshold: Double = 0.9, bell: Bool = true) {
        self.actor = actor
        self.poolThreshold = poolThreshold
        self.bell = bell
    }
}

/// The live dashboard's behaviour, without a terminal: it folds journal updates into the incident,
/// turns keys into journal appends and UI changes, and describes the frame to draw.
///
/// It never changes the incident itself when someone types: it appends to the journal, and the
/// entry appears when the follower brings it back, exactly as another responder's would.
public final class DashboardController {
    public internal(set) var state: IncidentState
    /// Focus, scrolling, the filtered timeline and its selection: kept as in every mode.
    var panes = PaneBrowser(help: KeyReference.liveHelp)
    public private(set) var head: String?
    /// Set while the journal's store cannot be reached: the header says since when.
    public private(set) var storeTrouble: StoreTrouble?
    public let settings: DashboardSettings
    let store: any JournalStore
    let clock: () -> Timestamp
    var bell = AlarmBell()
    var loaded = false
    private var badLineCount = 0
    /// A long journal's samples being folded while the panes show its first read (`FollowUpdate.partial`).
    var historyFold: HistoryFold?
    /// Its history, until the first frame is drawn and the fold starts.
    var pendingHistory: PartialHistory?
    /// Records that came after the first read, applied again to `historyFold`'s result.
    var recordsAfterHistory: [JournalRecord] = []

    public init(store: any JournalStore, settings: DashboardSettings, clock: @escaping () -> Timestamp = { .now() }) {
        self.store = store
        self.settings = settings
        self.clock = clock
        state = IncidentState(options: FoldOptions(poolSaturationThreshold: settings.poolThreshold))
    }

    public var ui: DashboardUIState { panes.ui }
    public var entries: TimelineEntries { panes.entries }
    var timelineBottom: Int { panes.timelineBottom }

    // MARK: Journal updates

    /// Folds what the follower brought. The first batch is the journal so far: it rings no bell.
    @discardableResult
    public func ingest(_ updates: [FollowUpdate]) -> Reaction {
        guard !updates.isEmpty else { return .none }
        panes.letGoOfTimeline()
        var firstBad: BadLine?
        var badInBatch = 0
        for update in updates {
            switch update {
            case let .record(.event(event, line)):
                state.apply(event, line: line)
                if let history = historyFold?.history ?? pendingHistory, line > history.endLine {
                    recordsAfterHistory.append(.event(event, line: line))
                }
            case .record(.bad(let bad)):
                badInBatch += 1
                if firstBad == nil { firstBad = bad }
            case .partial(let history):
                state.startSamplesMidway()
                pendingHistory = history
                recordsAfterHistory = []
            case .restart(let reason):
                historyFold = nil
                pendingHistory = nil
                recordsAfterHistory = []
                state = IncidentState(options: state.options)
                panes.ui.selectedEntry = nil
                panes.lineReader = nil
                show(reason, error: true)
            case .warning(let text):
                show(text, error: true)
            case let .unreachable(since, reason):
                storeTrouble = StoreTrouble(since: since, reason: reason)
                panes.lineReaderTrouble = "the journal's store cannot be reached: \(reason)"
                show("\(reason). The panes show what was read; what you type is kept, and Enter retries", error: true)
            case .reachable:
                storeTrouble = nil
                panes.lineReaderTrouble = nil
                show("journal reachable again; caught up", error: false)
            }
        }
        if let firstBad { reportBadLines(badInBatch, first: firstBad) }
        // Opened once the journal is there (a file may not be yet), again after a restart.
        if panes.lineReader == nil { panes.lineReader = try? store.lineReader() }
        // A file's head is a local read; a store's would be a round trip (and, with the store
        // down, a wait) on the thread that answers keys.
        if store is FileJournal { head = (try? store.headHash()) ?? head }
        panes.show(state.timeline, revision: state.timelineRevision)
        var reaction = Reaction.redraw
        reaction.beep = bell.shouldRing(after: state) && loaded && settings.bell
        loaded = true
        return reaction
    }

    func reportBadLines(_ count: Int, first: BadLine) {
        badLineCount += count
        let more = count > 1 ? " (and \(count - 1) more)" : ""
        show("skipped bad journal line \(first)\(more)", error: true)
    }

    // MARK: Frame

    public func frame(now: Timestamp? = nil, banner: String? = nil) -> DashboardFrame {
        panes.frame(of: state, FrameChrome(now: now ?? clock(), head: head, banner: banner,
                                           poolThreshold: settings.poolThreshold,
                                           hints: KeyReference.liveHints, journal: journalLabel))
    }

    private var journalLabel: JournalLabel {
        guard store is FileJournal else {
            return JournalLabel(path: store.location, condition: storeTrouble.map { .unreachable(since: $0.since) } ?? .present)
        }
        if isReadingHistory {
            let percent = Int((historyFold?.fractionDone ?? 0) * 100)
            return JournalLabel(path: store.location, condition: .readingEarlierSamples(percent: percent))
        }
        return JournalLabel(path: store.location)
    }

    /// Tells the controller how many timeline rows the last layout had, for paging.
    public func noteLayout(width: Int, height: Int) {
        panes.noteLayout(width: width, height: height, of: state)
    }

    /// Lays the panes out for the terminal's current size and draws one frame on it.
    func draw(on backend: any TerminalBackend, now: Timestamp, banner: String?) {
        DrawStep.draw(on: backend, layout: noteLayout, frame: { frame(now: now, banner: banner) })
        prepareFilter()
    }

    /// After a frame is drawn: with the filter prompt open, makes the filter's search text (see
    /// `PaneBrowser.prepareFilter`).
    public func prepareFilter() {
        panes.prepareFilter()
    }

    public func show(_ text: String, error: Bool) {
        panes.show(text, error: error)
    }

    /// When the footer's information is due to fade, if it shows any.
    var messageDeadline: ContinuousClock.Instant? { ui.message?.fadesAt }

    /// Fades the footer's information if its time is up; true when a redraw is due.
    func fadeMessage(at now: ContinuousClock.Instant = .now) -> Bool {
        panes.fadeMessage(at: now)
    }
}
