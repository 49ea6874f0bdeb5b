/// A pane with nothing to show yet is one line that says how to feed it, so the rows go to the
/// timeline until samples arrive.
enum EmptyPaneLine {
    static func draw(_ title: String, hint: String, focused: Bool, in area: Rect, on screen: inout Screen) {
        guard !area.isEmpty else { return }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        screen.fill(row, style: .normal)
        var x = row.x
        x += screen.put(focused ? "▸ " : "─ ", x: x, y: row.y, style: .border)
        x += screen.put(title, x: x, y: row.y, style: focused ? .paneTitleFocused : .paneTitle)
        screen.put(": " + hint, x: x, y: row.y, style: .dim, maxWidth: max(0, row.maxX - x))
    }
}
