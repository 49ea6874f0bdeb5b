import IncidentCore

/// One row per service: state (symbol and word), name, latency, since when.
struct HealthPaneView {
    let services: [ServiceHealth]
    let now: Timestamp
    let focused: Bool
    let scroll: Int

    func draw(in area: Rect, on screen: inout Screen) {
        guard !services.isEmpty else {
            return EmptyPaneLine.draw("Health", hint: "no samples yet; `sitrep collect` feeds this pane",
                                      focused: focused, in: area, on: &screen)
        }
        screen.drawBorder(area, title: "Health \(summary)", titleStyle: focused ? .paneTitleFocused : .paneTitle)
        let inside = area.inset(by: 1)
        let visible = Self.worstFirst(services).dropFirst(min(scroll, max(0, services.count - inside.height))).prefix(inside.height)
        let sinceWidth = visible.map { DisplayWidth.columns(of: Self.since($0, now: now)) }.max() ?? 0
        for (row, service) in visible.enumerated() {
            drawRow(service, y: inside.y + row, in: inside, sinceWidth: sinceWidth, on: &screen)
        }
    }

    /// Down, then degraded, then up (first seen first within each): on a short pane the trouble
    /// is what stays in view.
    static func worstFirst(_ services: [ServiceHealth]) -> [ServiceHealth] {
        func rank(_ service: ServiceHealth) -> Int {
            switch service.health {
            case .down: 0
            case .up: 2
            case .degraded, nil: 1
            }
        }
        return services.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
    }

    private var summary: String {
        let down = services.filter { $0.health == .down }.count
        let degraded = services.filter { $0.health != .up && $0.health != .down }.count
        if down + degraded == 0 { return services.isEmpty ? "" : "(all up)" }
        return "(\([down > 0 ? "\(down) down" : nil, degraded > 0 ? "\(degraded) degraded" : nil].compactMap { $0 }.joined(separator: ", ")))"
    }

    /// `09:15 (12m)`; `≤09:15 (≥12m)` while the samples before 09:15 are still being read.
    static func since(_ service: ServiceHealth, now: Timestamp) -> String {
        ScreenTime.since(service.since, now: now, orEarlier: service.sinceMayBeEarlier)
    }

    /// `✔ UP       web            110ms  09:15 (12m)`: name, then latency and since in fixed columns.
    private func drawRow(_ service: ServiceHealth, y: Int, in area: Rect, sinceWidth: Int, on screen: inout Screen) {
        screen.put(StateLabel.health(service.state), x: area.x, y: y, style: StyleRole.health(service.health), maxWidth: 11)
        let nameX = area.x + 12
        let sinceX = max(nameX + 5, area.maxX - sinceWidth)
        let latencyX = sinceX - 9
        screen.put(service.name, x: nameX, y: y, style: .normal, maxWidth: max(1, latencyX - nameX - 1))
        let latency = service.latencyMs.map { "\(Int($0.rounded()))ms" } ?? "—"
        screen.put(String(repeating: " ", count: max(0, 8 - latency.count)) + latency, x: latencyX, y: y, style: .dim,
                   maxWidth: 8)
        screen.put(Self.since(service, now: now), x: sinceX, y: y, style: .dim, maxWidth: area.maxX - sinceX)
    }
}
