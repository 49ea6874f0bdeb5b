import IncidentCore

/// The panes keyboard focus moves between with Tab.
public enum Pane: Int, CaseIterable, Sendable {
    case health, pools, timeline
}

/// A line in the footer. Errors stay until dismissed; information fades at the next key or
/// after `informationLifetime`, so a confirmation never looks like news a minute later.
public struct FooterMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    /// When information leaves the footer by itself; nil for an error.
    public var fadesAt: ContinuousClock.Instant?

    public static let informationLifetime = Duration.seconds(4)
}

/// Everything on screen that is not the incident itself: focus, scrolling, the prompt.
public struct DashboardUIState: Equatable, Sendable {
    public var focus: Pane = .timeline
    /// The selected timeline entry among the filtered ones; nil follows the newest.
    public var selectedEntry: Int?
    public var healthScroll = 0
    public var poolScroll = 0
    public var prompt: Prompt?
    public var picker: Picker?
    public var filter = ""
    public var message: FooterMessage?
    public var showingHelp = false
    /// How far the `?` overlay is scrolled, when it is taller than the screen.
    public var helpScroll = 0
    /// Rows of keys the overlay showed at the last draw, so paging moves by what is seen.
    public var helpPageRows = 10
    /// `z`: the focused pane has the whole screen.
    public var zoomed = false
    /// The entry open in the detail view (Enter); nil when it is closed.
    public var detail: EntryDetailState?
    /// Rows the timeline pane had at the last draw, so paging moves by what is seen.
    public var timelineRows = 10

    public init() {}

    public var isFollowing: Bool { selectedEntry == nil }
}

/// The detail view's entry, by its journal line so it stays on the same entry as others arrive,
/// the event read back from that line, and how far its text is scrolled.
public struct EntryDetailState: Equatable, Sendable {
    public var line: Int
    /// The entry's whole event, read back from the journal when the view opened.
    public var event: Event?
    /// Why the event could not be read back; the view then shows what the timeline kept.
    public var readProblem: String?
    public var scroll = 0
    /// Rows of text the view had at the last draw, so paging moves by what is seen.
    public var pageRows = 10

    public init(line: Int, event: Event? = nil, readProblem: String? = nil) {
        (self.line, self.event, self.readProblem) = (line, event, readProblem)
    }
}
