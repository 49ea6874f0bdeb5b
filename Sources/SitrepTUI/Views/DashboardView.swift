import IncidentCore

/// Everything the dashboard draws from: the incident, the UI state and the moment to show.
public struct DashboardFrame {
    public let state: IncidentState
    public let ui: DashboardUIState
    public let entries: TimelineEntries
    /// The entry at the bottom of the timeline pane.
    public let timelineBottom: Int
    public let now: Timestamp
    public let head: String?
    public let poolThreshold: Double
    public let banner: String?
    public let hints: [(key: String, action: String)]
    public let help: [(title: String, keys: [(key: String, action: String)])]
    /// False where the banner carries its own clock (replay's), which a wall clock would only confuse.
    public var showsWallClock = true
}

/// Lays out the panes for the terminal's size and draws a frame into a Screen.
///
/// Wide terminals put health and pools on the left and the timeline on the right; narrower ones
/// stack them. Below 40x12 there is no sensible dashboard, and the screen says so.
public enum DashboardView {
    public static let minimumWidth = 40
    public static let minimumHeight = 12

    public struct Layout: Equatable {
        public var header, health, pools, timeline, footer: Rect
    }

    public static func render(_ frame: DashboardFrame, width: Int, height: Int) -> Screen {
        var screen = Screen(width: width, height: height)
        guard width >= minimumWidth, height >= minimumHeight else {
            drawTooSmall(on: &screen)
            return screen
        }
        let layout = self.layout(width: width, height: height, services: frame.state.services.count,
                                 pools: frame.state.pools.count, footerRows: FooterView.rows(for: frame.ui))
        HeaderView(state: frame.state, now: frame.now, head: frame.head, banner: frame.banner,
                   showsWallClock: frame.showsWallClock)
            .draw(in: layout.header, on: &screen)
        HealthPaneView(services: frame.state.services, now: frame.now, focused: frame.ui.focus == .health,
                       scroll: frame.ui.healthScroll).draw(in: layout.health, on: &screen)
        PoolPaneView(pools: frame.state.pools, threshold: frame.poolThreshold, focused: frame.ui.focus == .pools,
                     scroll: frame.ui.poolScroll).draw(in: layout.pools, on: &screen)
        TimelinePaneView(entries: frame.entries, bottom: frame.timelineBottom, selected: frame.ui.selectedEntry,
                         focused: frame.ui.focus == .timeline, filter: frame.ui.filter)
            .draw(in: layout.timeline, on: &screen)
        FooterView(ui: frame.ui, hints: frame.hints).draw(in: layout.footer, on: &screen)
        if frame.ui.showingHelp {
            HelpView(sections: frame.help).draw(in: screen.bounds.rows([.fixed(2), .rest, .fixed(1)])[1], on: &screen)
        }
        return screen
    }

    public static func layout(width: Int, height: Int, services: Int, pools: Int, footerRows: Int = 1) -> Layout {
        let rows = Rect(x: 0, y: 0, width: width, height: height).rows([.fixed(2), .rest, .fixed(footerRows)])
        let body = rows[1]
        if width >= 100 {
            // The left column needs room for a pool's bar and sparkline; the timeline gets the rest.
            let columns = body.columns([.fixed(max(width * 45 / 100, min(60, width / 2))), .rest])
            let healthRows = min(max(3, services + 2), columns[0].height / 2)
            let left = columns[0].rows([.fixed(healthRows), .rest])
            return Layout(header: rows[0], health: left[0], pools: left[1], timeline: columns[1], footer: rows[2])
        }
        // Stacked: health and pools take what their rows need, up to a quarter each; the
        // timeline keeps the rest.
        let healthRows = min(max(3, services + 2), max(3, body.height / 4))
        let poolRows = min(max(3, pools + 2), max(3, body.height / 4))
        let parts = body.rows([.fixed(healthRows), .fixed(poolRows), .rest])
        return Layout(header: rows[0], health: parts[0], pools: parts[1], timeline: parts[2], footer: rows[2])
    }

    static func drawTooSmall(on screen: inout Screen) {
        let lines = ["sitrep needs at least", "\(minimumWidth)x\(minimumHeight);",
                     "this is \(screen.width)x\(screen.height).", "q quits"]
        for (index, line) in lines.enumerated() where index < screen.height {
            screen.put(line, x: 0, y: index, style: index == 0 ? .title : .normal)
        }
    }
}
