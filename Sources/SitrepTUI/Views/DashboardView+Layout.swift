import IncidentCore

extension DashboardView {
    public struct Layout: Equatable {
        public var header, health, pools, timeline, footer: Rect

        /// Everything between the header and the footer: where the detail view goes.
        public var body: Rect {
            Rect(x: header.x, y: header.maxY, width: header.width, height: max(0, footer.y - header.maxY))
        }
    }

    /// Where each part goes. Health and pools take the rows their content needs (one row while
    /// they have no samples); the timeline, where the story is, takes the rest. From 100 columns
    /// health and pools sit side by side above it, so the timeline is as wide as the screen.
    /// `zoomed` gives one pane the whole body and the others nothing.
    public static func layout(width: Int, height: Int, services: Int, pools: Int, footerRows: Int = 1,
                              zoomed: Pane? = nil) -> Layout {
        let rows = Rect(x: 0, y: 0, width: width, height: height).rows([.fixed(2), .rest, .fixed(footerRows)])
        let body = rows[1]
        if let zoomed {
            let none = Rect(x: body.x, y: body.y, width: 0, height: 0)
            return Layout(header: rows[0], health: zoomed == .health ? body : none, pools: zoomed == .pools ? body : none,
                          timeline: zoomed == .timeline ? body : none, footer: rows[2])
        }
        if width >= sideBySideWidth {
            // Both share a band as tall as the taller needs, up to two fifths of the body.
            let band = min(max(rowsNeeded(services), rowsNeeded(pools)), max(3, body.height * 2 / 5))
            let parts = body.rows([.fixed(band), .rest])
            let top = parts[0].columns([.fixed(min(60, width / 2)), .rest])
            return Layout(header: rows[0], health: top[0], pools: top[1], timeline: parts[1], footer: rows[2])
        }
        // Stacked: up to a quarter of the body each.
        let cap = max(3, body.height / 4)
        let parts = body.rows([.fixed(min(rowsNeeded(services), cap)), .fixed(min(rowsNeeded(pools), cap)), .rest])
        return Layout(header: rows[0], health: parts[0], pools: parts[1], timeline: parts[2], footer: rows[2])
    }

    /// From here health and pools fit side by side (a pool's row keeps its bar and sparkline).
    static let sideBySideWidth = 100

    /// A bordered row per item, or one line saying how to feed an empty pane.
    static func rowsNeeded(_ items: Int) -> Int {
        items == 0 ? 1 : items + 2
    }
}
