/// Text broken into lines of at most a given display width, at spaces where it can be, so a
/// long entry can be read whole instead of cut with `…`.
///
/// Works on glyphs, after `SafeText.escape`, so an escaped control character counts as the
/// columns it will take, and a two-column character is never split across lines.
enum TextWrap {
    static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line: [Glyph] = []
        var used = 0
        /// Where the last space on the line is: a break there keeps the word after it whole.
        var lastSpace: Int?
        for glyph in Glyph.split(text) {
            if used + glyph.width > width, glyph.text == " " {
                lines.append(render(line))
                (line, used, lastSpace) = ([], 0, nil)
                continue
            }
            while used + glyph.width > width, !line.isEmpty {
                if let space = lastSpace {
                    lines.append(render(line[..<space]))
                    line = Array(line[(space + 1)...])
                } else {
                    lines.append(render(line[...]))
                    line = []
                }
                used = line.reduce(0) { $0 + $1.width }
                lastSpace = nil
            }
            if glyph.text == " " { lastSpace = line.count }
            line.append(glyph)
            used += glyph.width
        }
        if !line.isEmpty || lines.isEmpty { lines.append(render(line[...])) }
        return lines
    }

    private static func render(_ glyphs: ArraySlice<Glyph>) -> String {
        glyphs.map(\.text).joined()
    }

    private static func render(_ glyphs: [Glyph]) -> String {
        render(glyphs[...])
    }
}
