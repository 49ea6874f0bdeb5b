extension Screen {
    /// Writes one line of text at (x, y) and returns the columns it used.
    ///
    /// Every string goes through `SafeText.escape` first, so journal or network text can never
    /// move the cursor, retitle the window or reorder the line, even if a view forgets to clean
    /// it. Text that does not fit before the right edge (or within `maxWidth`) is cut by display
    /// width and ends with `…`; a two-column character is never split. Nothing is drawn when the
    /// start lies outside the screen.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: StyleRole = .normal, maxWidth: Int? = nil) -> Int {
        guard contains(x: x, y: y) else { return 0 }
        let available = min(width - x, max(0, maxWidth ?? Int.max))
        let glyphs = Screen.fit(Glyph.split(text), into: available)
        var column = x
        for glyph in glyphs {
            place(glyph, x: column, y: y, style: style)
            column += glyph.width
        }
        return column - x
    }

    /// Paints `rect` (clipped to the screen) with blanks in `style`.
    public mutating func fill(_ rect: Rect, style: StyleRole = .normal) {
        let area = rect.intersection(bounds)
        for y in area.yRange {
            for x in area.xRange {
                place(.space, x: x, y: y, style: style)
            }
        }
    }

    /// Gives every cell in `rect` a new role and keeps its text: for highlighting a selected row
    /// that was drawn in several roles.
    public mutating func restyle(_ rect: Rect, style: StyleRole) {
        let area = rect.intersection(bounds)
        for y in area.yRange {
            for x in area.xRange {
                setStyle(style, x: x, y: y)
            }
        }
    }

    /// The glyphs that fit in `columns`; when some must go, as many as fit before a final `…`.
    static func fit(_ glyphs: [Glyph], into columns: Int) -> [Glyph] {
        guard columns > 0 else { return [] }
        let total = glyphs.reduce(0) { $0 + $1.width }
        if total <= columns { return glyphs }
        var kept: [Glyph] = []
        var used = 0
        for glyph in glyphs {
            guard used + glyph.width <= columns - Glyph.ellipsis.width else { break }
            kept.append(glyph)
            used += glyph.width
        }
        return kept + [Glyph.ellipsis]
    }
}
