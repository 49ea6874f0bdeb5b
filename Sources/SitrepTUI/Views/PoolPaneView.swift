import IncidentCore

/// One row per connection pool: in use / max, saturation, waiting clients, a bar and the recent
/// history as a sparkline. A saturated pool says so in words as well as colour.
struct PoolPaneView {
    let pools: [PoolStatus]
    let threshold: Double
    let focused: Bool
    let scroll: Int

    func draw(in area: Rect, on screen: inout Screen) {
        guard !pools.isEmpty else {
            return EmptyPaneLine.draw("Pools", hint: "no samples yet; `sitrep collect` feeds this pane",
                                      focused: focused, in: area, on: &screen)
        }
        let saturated = pools.filter(\.isSaturated).count
        let title = "Pools" + (saturated > 0 ? " (\(saturated) SATURATED)" : "")
        screen.drawBorder(area, title: title, titleStyle: focused ? .paneTitleFocused : .paneTitle)
        let inside = area.inset(by: 1)
        let visible = Self.mostSaturatedFirst(pools).dropFirst(min(scroll, max(0, pools.count - inside.height))).prefix(inside.height)
        for (row, pool) in visible.enumerated() {
            drawRow(pool, y: inside.y + row, in: inside, on: &screen)
        }
    }

    /// Saturated pools first, then by how full they are: the pool about to run out stays in view.
    static func mostSaturatedFirst(_ pools: [PoolStatus]) -> [PoolStatus] {
        pools.enumerated().sorted { left, right in
            let a = (left.element.isSaturated ? 0 : 1, -(left.element.saturation ?? 0), left.offset)
            let b = (right.element.isSaturated ? 0 : 1, -(right.element.saturation ?? 0), right.offset)
            return a < b
        }.map(\.element)
    }

    private func style(for pool: PoolStatus) -> StyleRole {
        if pool.isSaturated { return .poolSaturated }
        if (pool.saturation ?? 0) >= threshold * 0.8 { return .poolWarning }
        return .poolOK
    }

    /// `⚠ primary   50/50 100% ██████████ ▂▄▆██  37 waiting`: the ⚠ marks a saturated pool
    /// without relying on colour; the sparkline gets whatever width is left.
    private func drawRow(_ pool: PoolStatus, y: Int, in area: Rect, on screen: inout Screen) {
        let role = style(for: pool)
        let percent = pool.saturation.map { "\(Int(($0 * 100).rounded()))%" } ?? "—"
        let waiting = pool.waiting ?? 0
        let tail = waiting > 0 ? "  \(waiting) waiting" : ""
        var x = area.x
        x += screen.put(pool.isSaturated ? "⚠ " : "  ", x: x, y: y, style: .poolSaturated)
        x += screen.put(pool.name, x: x, y: y, style: .normal, maxWidth: min(12, area.width / 4)) + 1
        x += screen.put(pad("\(pool.inUse)/\(pool.max)", 8) + pad(percent, 5), x: x, y: y, style: role,
                        maxWidth: max(0, area.maxX - x))
        let gaugeWidth = max(0, area.maxX - x - DisplayWidth.columns(of: tail) - 1)
        let barWidth = min(10, gaugeWidth / 2)
        let sparkWidth = max(0, gaugeWidth - barWidth - 1)
        if barWidth > 0 { x += screen.put(Gauges.bar(pool.saturation ?? 0, width: barWidth), x: x + 1, y: y, style: role) + 1 }
        x += screen.put(Gauges.sparkline(pool.history.map(\.saturation), width: sparkWidth), x: x + 1, y: y,
                        style: .sparkline) + 1
        screen.put(tail, x: x, y: y, style: .poolSaturated, maxWidth: max(0, area.maxX - x))
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
