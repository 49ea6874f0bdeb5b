import CNcursesw

/// How many terminal columns text takes, measured exactly as `Screen.put` will draw it.
public enum DisplayWidth {
    /// Columns `text` takes once escaped by `SafeText` and split into cells: use it to right-align
    /// or centre before calling `put`.
    public static func columns(of text: String) -> Int {
        Glyph.split(text).reduce(0) { $0 + $1.width }
    }

    /// Columns one Unicode scalar takes: 0 for combining marks, 2 for CJK and emoji, -1 for what
    /// the C library cannot print. Uses the C library's wcwidth because ncurses does: if the two
    /// disagreed, every cell after a disputed character would be drawn one column off.
    static func of(_ scalar: Unicode.Scalar) -> Int {
        if scalar.value >= 0x20 && scalar.value < 0x7F { return 1 }
        UTF8Locale.ensureForMeasuring()
        return Int(sitrep_wcwidth(wchar_t(bitPattern: scalar.value)))
    }
}
