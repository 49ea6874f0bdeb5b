extension Screen {
    /// Draws a single-line box just inside `rect`, with an optional title in the top edge:
    /// `┌─ Timeline ─────┐`. Rectangles smaller than 2×2 get nothing.
    public mutating func drawBorder(_ rect: Rect, style: StyleRole = .border, title: String? = nil, titleStyle: StyleRole = .paneTitle) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.maxX - 1, bottom = rect.maxY - 1
        for x in (rect.x + 1)..<right {
            put("─", x: x, y: rect.y, style: style)
            put("─", x: x, y: bottom, style: style)
        }
        for y in (rect.y + 1)..<bottom {
            put("│", x: rect.x, y: y, style: style)
            put("│", x: right, y: y, style: style)
        }
        put("┌", x: rect.x, y: rect.y, style: style)
        put("┐", x: right, y: rect.y, style: style)
        put("└", x: rect.x, y: bottom, style: style)
        put("┘", x: right, y: bottom, style: style)
        if let title, rect.width > 4 {
            put(" " + title + " ", x: rect.x + 1, y: rect.y, style: titleStyle, maxWidth: rect.width - 2)
        }
    }
}
