import IncidentCore

/// Enter on a timeline entry: the entry whole, in a box over the panes, scrolled when it is longer
/// than the box. Every mode draws it from here; PaneBrowser+Keys opens, scrolls and closes it.
struct EntryDetailView {
    let entry: TimelineEntry
    /// The event read back from the entry's line, and the scroll.
    let state: EntryDetailState

    /// The rows of text a box drawn in `area` shows, and the columns a line may take.
    static func textArea(in area: Rect) -> Rect { area.inset(by: 1) }

    /// How far the text can scroll in `area`: its lines beyond the box's rows.
    static func maximumScroll(of entry: TimelineEntry, _ state: EntryDetailState, in area: Rect) -> Int {
        let inside = textArea(in: area)
        return max(0, text(of: entry, state, width: inside.width).lines.count - inside.height)
    }

    func draw(in area: Rect, on screen: inout Screen) {
        let inside = Self.textArea(in: area)
        let lines = Self.text(of: entry, state, width: inside.width).lines
        let top = max(0, min(state.scroll, lines.count - inside.height))
        screen.fill(area, style: .normal)
        var title = "Entry — Esc closes"
        if lines.count > inside.height {
            title += ", ↑↓ PgUp PgDn scroll (\(top + 1)–\(min(lines.count, top + inside.height)) of \(lines.count))"
        }
        screen.drawBorder(area, title: title, titleStyle: .paneTitleFocused)
        for (row, line) in lines.dropFirst(top).prefix(inside.height).enumerated() {
            screen.put(line.text, x: inside.x + line.indent, y: inside.y + row, style: line.style,
                       maxWidth: max(0, inside.width - line.indent))
        }
    }

    private static func text(of entry: TimelineEntry, _ state: EntryDetailState, width: Int) -> EntryDetailText {
        EntryDetailText(entry: entry, event: state.event, readProblem: state.readProblem, width: width)
    }
}
