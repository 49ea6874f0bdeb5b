import IncidentCore

/// Two rows: what is burning (severity, title, status) and the response's vital signs
/// (elapsed since impact, commander, the UTC clock, the journal's head).
struct HeaderView {
    let state: IncidentState
    let now: Timestamp
    let head: String?
    /// Replaces the second row's start, e.g. `REPLAY ▶ 60× 2023-06-01 09:15:00Z event 12/449`.
    let banner: String?
    /// Replay's banner carries the replay clock; the wall clock there would only confuse.
    let showsWallClock: Bool

    func draw(in area: Rect, on screen: inout Screen) {
        guard area.height > 0 else { return }
        screen.fill(area, style: .header)
        drawTitleRow(y: area.y, in: area, on: &screen)
        if area.height > 1 { drawVitalsRow(y: area.y + 1, in: area, on: &screen) }
    }

    private func drawTitleRow(y: Int, in area: Rect, on screen: inout Screen) {
        var x = area.x
        let severity = state.severity ?? "SEV?"
        x += screen.put(" \(severity) ", x: x, y: y, style: .severity(severity))
        x += 1
        let status = state.status.map { $0.uppercased() } ?? "NOT DECLARED"
        var statusText = status
        if let since = state.statusSince { statusText += " " + DurationText.compact(max(0, since.seconds(until: now))) }
        let statusWidth = DisplayWidth.columns(of: statusText) + 2
        let titleWidth = max(0, area.maxX - x - statusWidth - 1)
        screen.put(state.title ?? "no incident declared yet: sitrep declare TITLE --severity SEV", x: x, y: y,
                   style: .title, maxWidth: titleWidth)
        let statusStyle: StyleRole = state.incidentStatus == .resolved ? .statusResolved : .header
        screen.put(" \(statusText) ", x: max(x, area.maxX - statusWidth), y: y, style: statusStyle)
    }

    private func drawVitalsRow(y: Int, in area: Rect, on screen: inout Screen) {
        var parts: [String] = []
        if let banner { parts.append(banner) }
        if let start = state.milestones.impactStart {
            let end = state.milestones.resolved ?? now
            parts.append("elapsed \(DurationText.compact(max(0, start.seconds(until: end))))")
        }
        parts.append("IC \(state.commander ?? "none")")
        if showsWallClock { parts.append("\(ScreenTime.clock(now)) UTC") }
        if let head { parts.append("#" + head.prefix(8)) }
        screen.put(" " + parts.joined(separator: "  │  "), x: area.x, y: y, style: banner == nil ? .header : .replayBanner,
                   maxWidth: area.width)
    }
}
