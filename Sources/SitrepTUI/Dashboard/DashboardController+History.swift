import CSignals
import IncidentCore

/// A long journal's first read shows its last stretch and every entry people wrote; the samples
/// before that stretch are folded meanwhile (`HistoryFold`), and their result takes its place.
extension DashboardController {
    /// How often the loop looks at the fold while it runs: the header's percentage moves, and
    /// the whole incident is on screen this long at most after the fold is done.
    static let historyCheckInterval = Duration.milliseconds(100)

    /// True from a long journal's first read until its whole history is on screen.
    public var isReadingHistory: Bool { pendingHistory != nil || historyFold != nil }

    /// When the loop should look at the history fold next; nil when none runs.
    var historyDeadline: ContinuousClock.Instant? {
        if pendingHistory != nil { return .now }
        return historyFold == nil ? nil : .now + Self.historyCheckInterval
    }

    /// Starts the history fold, after the first frame (which it would otherwise slow down by
    /// taking both cores); takes its result once it is done: it replaces the first read's state,
    /// with the records that came since applied to it. While it runs, a redraw shows its progress.
    public func takeHistory() -> Reaction {
        if let pendingHistory {
            self.pendingHistory = nil
            // The first read's records are freed by now, but malloc keeps their pages, and the
            // fold allocates on threads of its own: handed back, they do not add to its peak.
            _ = sitrep_release_free_memory()
            historyFold = HistoryFold(pendingHistory, options: state.options)
            return .redraw
        }
        guard let historyFold else { return .none }
        guard var outcome = historyFold.take() else { return .redraw }
        self.historyFold = nil
        let later = recordsAfterHistory
        recordsAfterHistory = []
        if let failure = outcome.failure {
            show("could not read the journal's earlier samples (\(failure)): the panes show its last stretch", error: true)
            return .redraw
        }
        // Moved, not copied: applying `later` to a timeline still shared would copy all of it.
        panes.letGoOfTimeline()
        state = IncidentState(options: state.options)
        swap(&state, &outcome.state)
        for case let .event(event, line) in later { state.apply(event, line: line) }
        _ = sitrep_release_free_memory()  // the first read's state, freed on this thread
        // Bad lines of the last stretch were reported as it was read; those before it were not.
        let earlier = outcome.badLines.filter { $0.line < historyFold.history.samplesFromLine }
        if let first = earlier.first { reportBadLines(earlier.count, first: first) }
        panes.ui.selectedEntry = nil
        panes.show(state.timeline, revision: state.timelineRevision)
        // What the history brought was already so: the bell learns it without ringing.
        _ = bell.shouldRing(after: state)
        return .redraw
    }
}
