import IncidentCore

/// What one screen cell shows: a printable character plus any combining marks on it, and the
/// columns it takes (1, or 2 for CJK and emoji).
///
/// This is ncurses' unit (one `cchar_t`), not quite a grapheme cluster, on purpose: terminals
/// disagree on how wide an emoji ZWJ sequence, a skin-tone modifier or a VS16 presentation
/// selector makes a cluster, and when the terminal and ncurses disagree every later cell on the
/// line lands in the wrong column. So those joiners are dropped and each part gets its own
/// cell: `👩‍🚒` is drawn as `👩🚒` (4 columns) and `❤️` as `❤` (1 column) on every terminal alike.
struct Glyph: Equatable {
    var text: String
    var width: Int

    /// ncurses keeps at most 5 wide characters per cell (CCHARW_MAX): one spacing, four marks.
    static let maximumMarks = 4

    static let space = Glyph(text: " ", width: 1)
    static let ellipsis = Glyph(text: "…", width: 1)
    static let replacement = Glyph(text: "\u{FFFD}", width: 1)

    private init(text: String, width: Int) {
        self.text = text
        self.width = width
    }

    /// Splits text into cells after `SafeText.escape`, so that no glyph, and so no cell, can
    /// hold a control character or a bidi override. Marks with nothing to sit on are dropped,
    /// and anything the C library cannot print becomes U+FFFD.
    static func split(_ text: String) -> [Glyph] {
        var glyphs: [Glyph] = []
        var marks = 0
        for scalar in SafeText.escape(text).unicodeScalars where !isDropped(scalar) {
            let width = DisplayWidth.of(scalar)
            if width > 0 {
                glyphs.append(Glyph(text: String(scalar), width: width))
                marks = 0
            } else if width < 0 {
                glyphs.append(replacement)
                marks = Glyph.maximumMarks  // nothing may combine with the replacement
            } else if !glyphs.isEmpty && marks < maximumMarks {
                glyphs[glyphs.count - 1].text.unicodeScalars.append(scalar)
                marks += 1
            }
        }
        return glyphs
    }

    /// Joiners and selectors whose effect on width terminals disagree about (see above).
    private static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200D: true                 // zero width joiner
        case 0xFE0E, 0xFE0F: true         // text and emoji presentation selectors
        case 0x1F3FB...0x1F3FF: true      // skin-tone modifiers
        default: false
        }
    }
}
