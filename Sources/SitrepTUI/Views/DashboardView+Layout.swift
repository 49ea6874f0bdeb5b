import IncidentCore

extension DashboardView {
    public struct Layout: Equatable {
        public var header, health, pools, timeline, footer: Rect

        /// Everything between the header and the footer: where the detail view goes.
        public var body: Rect {
            Rect(x: header.x, y: header.maxY, width: header.width, height: max(0, footer.y - header.maxY))
        }
    }

    /// Where each part goes. `zoomed` gives one pane the whole body and the others nothing.
    public static func layout(width: Int, height: Int, services: Int, pools: Int, footerRows: Int = 1,
                              zoomed: Pane? = nil) -> Layout {
        let rows = Rect(x: 0, y: 0, width: width, height: height).rows([.fixed(2), .rest, .fixed(footerRows)])
        let body = rows[1]
        if let zoomed {
            let none = Rect(x: body.x, y: body.y, width: 0, height: 0)
            return Layout(header: rows[0], health: zoomed == .health ? body : none, pools: zoomed == .pools ? body : none,
                          timeline: zoomed == .timeline ? body : none, footer: rows[2])
        }
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
}
