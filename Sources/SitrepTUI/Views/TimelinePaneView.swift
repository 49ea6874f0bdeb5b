import IncidentCore

/// The live timeline: time, actor, kind, text; newest at the bottom. Amended entries show their
/// corrected text after a ✎ mark.
struct TimelinePaneView {
    let entries: TimelineEntries
    /// The entry at the bottom of the pane.
    let bottom: Int
    /// Highlighted when the user has moved through the timeline; nil while following.
    let selected: Int?
    let focused: Bool
    let filter: String

    func draw(in area: Rect, on screen: inout Screen) {
        screen.drawBorder(area, title: title, titleStyle: focused ? .paneTitleFocused : .paneTitle)
        let inside = area.inset(by: 1)
        guard entries.count > 0 else {
            let hint = filter.isEmpty ? "nothing recorded yet" : "no entry matches \"\(filter)\""
            screen.put(hint, x: inside.x, y: inside.y, style: .dim, maxWidth: inside.width)
            return
        }
        for (offset, row) in TimelineWindow.rows(entries, bottom: bottom, height: inside.height).enumerated() {
            let y = inside.y + offset
            switch row {
            case .day(let time):
                screen.put("── \(CivilTime(time).dateText) ──", x: inside.x, y: y, style: .dim, maxWidth: inside.width)
            case .entry(let position):
                drawEntry(entries[position], y: y, in: inside, on: &screen)
                if position == selected { screen.restyle(Rect(x: inside.x, y: y, width: inside.width, height: 1), style: .selection) }
            }
        }
    }

    private var title: String {
        var text = "Timeline"
        if !filter.isEmpty { text += " /\(filter) (\(entries.count) of \(entries.unfilteredCount))" }
        if selected != nil { text += " — scrolled back, G to follow" }
        return text
    }

    private func drawEntry(_ entry: TimelineEntry, y: Int, in area: Rect, on screen: inout Screen) {
        var x = area.x
        x += screen.put(ScreenTime.clock(entry.ts), x: x, y: y, style: .timelineTime) + 1
        let actorWidth = area.width >= 50 ? 10 : 6
        screen.put(entry.actor ?? "-", x: x, y: y, style: .timelineActor, maxWidth: actorWidth)
        x += actorWidth + 1
        let tag = Self.tag(entry.kind)
        screen.put(tag, x: x, y: y, style: style(for: entry), maxWidth: 6)
        x += 7
        if entry.isAmended { x += screen.put("✎ ", x: x, y: y, style: .timelineAmended) }
        var text = entry.text
        if let detail = entry.detail { text = "[\(detail)] " + text }
        screen.put(text, x: x, y: y, style: textStyle(for: entry), maxWidth: max(0, area.maxX - x))
    }

    /// People's entries stand apart from what monitoring and collectors wrote, in every theme.
    private func textStyle(for entry: TimelineEntry) -> StyleRole {
        if entry.kind == .event(.alert) { return .timelineAlert }
        return entry.isWrittenByPerson ? .timelineHuman : .normal
    }

    private func style(for entry: TimelineEntry) -> StyleRole {
        switch entry.kind {
        case .event(.alert): .timelineAlert
        case .serviceChange, .poolChange: .timelineMarker
        case .event where entry.isWrittenByPerson: .timelineHuman
        case .event: .dim
        }
    }

    static func tag(_ kind: TimelineEntry.Kind) -> String {
        switch kind {
        case .serviceChange: "health"
        case .poolChange: "pool"
        case .event(.alert): "ALERT"
        case .event(.declare): "DECL"
        case .event(.escalation): "ESCAL"
        case .event(.mitigation): "MITIG"
        case .event(.status): "STATUS"
        case .event(.severity): "SEV"
        case .event(let kind): String(kind.name.prefix(6))
        }
    }
}
