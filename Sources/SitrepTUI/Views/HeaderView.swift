import IncidentCore

/// Two rows: what is burning (severity, title, status) and the response's vital signs
/// (elapsed since impact, commander, the UTC clock, the journal followed).
struct HeaderView {
    let state: IncidentState
    let now: Timestamp
    let journal: JournalLabel?
    /// Replaces the second row's start, e.g. `REPLAY ▶ 60× 2023-06-01 09:15:00Z event 12/449`.
    let banner: String?
    /// Replay's banner carries the replay clock; the wall clock there would only confuse.
    let showsWallClock: Bool
    /// The title shown before the incident is declared.
    let undeclaredTitle: String

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
        screen.put(state.title ?? undeclaredTitle, x: x, y: y,
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
        var text = " " + parts.joined(separator: "  │  ")
        if let journal {
            // The name gets what the vital signs leave, but never fewer than 12 columns. A missing
            // file goes first: it explains an empty dashboard better than anything after it.
            let words = DisplayWidth.columns(of: journal.text(nameColumns: 0)) - DisplayWidth.columns(of: journal.fileName)
            let before = journal.exists ? DisplayWidth.columns(of: text) + 5 : 1
            let room = max(12, area.width - before - words)
            let label = journal.text(nameColumns: room)
            text = journal.exists ? text + "  │  " + label : " " + ([label] + parts).joined(separator: "  │  ")
        }
        let style: StyleRole = banner == nil ? (journal?.exists == false ? .error : .header) : .replayBanner
        screen.put(text, x: area.x, y: y, style: style, maxWidth: area.width)
    }
}
