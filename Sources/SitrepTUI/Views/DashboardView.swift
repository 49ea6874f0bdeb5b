import IncidentCore

/// Everything the dashboard draws from: the incident, the UI state and the moment to show.
public struct DashboardFrame {
    public let state: IncidentState
    public let ui: DashboardUIState
    public let entries: TimelineEntries
    /// The entry at the bottom of the timeline pane.
    public let timelineBottom: Int
    public let now: Timestamp
    /// The journal's last line's hash: for the `?` overlay, not the header.
    public let head: String?
    public let poolThreshold: Double
    public let banner: String?
    public let hints: [(key: String, action: String)]
    public let help: [HelpSection]
    /// False where the banner carries its own clock (replay's), which a wall clock would only confuse.
    public var showsWallClock = true
    /// The journal the live dashboard follows, for the header; nil in replay, whose banner says it.
    public var journal: JournalLabel?
    /// The header's title before a declaration.
    public var undeclaredTitle = DashboardFrame.liveUndeclaredTitle
    /// Where a declaration can be made: the dashboard's D key, or the command from any shell.
    public static let liveUndeclaredTitle = "not declared yet: press D, or run sitrep declare TITLE --severity SEV1"
    /// The entry open in the detail view, as the mode shows it now.
    public var detail: TimelineEntry?
}

/// Lays out the panes for the terminal's size and draws a frame into a Screen.
///
/// Wide terminals put health and pools on the left and the timeline on the right; narrower ones
/// stack them. Below 40x12 there is no sensible dashboard, and the screen says so.
public enum DashboardView {
    public static let minimumWidth = 40
    public static let minimumHeight = 12

    public static func render(_ frame: DashboardFrame, width: Int, height: Int) -> Screen {
        var screen = Screen(width: width, height: height)
        guard width >= minimumWidth, height >= minimumHeight else {
            drawTooSmall(on: &screen)
            return screen
        }
        let layout = self.layout(width: width, height: height, services: frame.state.services.count,
                                 pools: frame.state.pools.count, footerRows: FooterView.rows(for: frame.ui),
                                 zoomed: frame.ui.zoomed ? frame.ui.focus : nil)
        HeaderView(state: frame.state, now: frame.now, journal: frame.journal, banner: frame.banner,
                   showsWallClock: frame.showsWallClock, undeclaredTitle: frame.undeclaredTitle)
            .draw(in: layout.header, on: &screen)
        drawPanes(frame, in: layout, on: &screen)
        if let entry = frame.detail {
            EntryDetailView(entry: entry, state: frame.ui.detail ?? EntryDetailState(line: entry.line))
                .draw(in: layout.body, on: &screen)
        }
        FooterView(ui: frame.ui, hints: hints(of: frame)).draw(in: layout.footer, on: &screen)
        if frame.ui.showingHelp {
            HelpView(sections: frame.help, scroll: frame.ui.helpScroll).draw(in: layout.body, on: &screen)
        }
        return screen
    }

    /// The panes the layout gives room to (a zoomed one has all of it).
    private static func drawPanes(_ frame: DashboardFrame, in layout: Layout, on screen: inout Screen) {
        let ui = frame.ui
        if !layout.health.isEmpty {
            HealthPaneView(services: frame.state.services, now: frame.now, focused: ui.focus == .health,
                           scroll: ui.healthScroll).draw(in: layout.health, on: &screen)
        }
        if !layout.pools.isEmpty {
            PoolPaneView(pools: frame.state.pools, threshold: frame.poolThreshold, focused: ui.focus == .pools,
                         scroll: ui.poolScroll).draw(in: layout.pools, on: &screen)
        }
        if !layout.timeline.isEmpty {
            TimelinePaneView(entries: frame.entries, bottom: frame.timelineBottom, selected: ui.selectedEntry,
                             focused: ui.focus == .timeline, filter: ui.filter).draw(in: layout.timeline, on: &screen)
        }
        if ui.zoomed {
            let pane = switch ui.focus {
            case .health: layout.health
            case .pools: layout.pools
            case .timeline: layout.timeline
            }
            screen.put(" z: all panes ", x: pane.maxX - 15, y: pane.maxY - 1, style: .paneTitle)
        }
    }

    /// An open box's own keys replace the mode's, so the footer always says how to leave it.
    private static func hints(of frame: DashboardFrame) -> [(key: String, action: String)] {
        if frame.ui.showingHelp { return KeyReference.helpHints }
        return frame.detail == nil ? frame.hints : KeyReference.detailHints
    }

    static func drawTooSmall(on screen: inout Screen) {
        let lines = ["sitrep needs at least", "\(minimumWidth)x\(minimumHeight);",
                     "this is \(screen.width)x\(screen.height).", "q quits"]
        for (index, line) in lines.enumerated() where index < screen.height {
            screen.put(line, x: 0, y: index, style: index == 0 ? .title : .normal)
        }
    }
}
