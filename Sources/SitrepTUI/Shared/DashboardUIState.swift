import IncidentCore

/// The panes keyboard focus moves between with Tab.
public enum Pane: Int, CaseIterable, Sendable {
    case health, pools, timeline
}

/// A line in the footer. Errors stay until dismissed; information fades at the next key.
public struct FooterMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool
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
    /// Rows the timeline pane had at the last draw, so paging moves by what is seen.
    public var timelineRows = 10

    public init() {}

    public var isFollowing: Bool { selectedEntry == nil }
}
