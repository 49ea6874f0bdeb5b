extension Screen {
    /// Each row as the user would read it, trailing blanks trimmed: the form golden tests compare.
    public func lines() -> [String] {
        (0..<height).map { line($0) }
    }

    /// One row as text, trailing blanks trimmed; empty outside the screen.
    public func line(_ y: Int) -> String {
        guard y >= 0 && y < height else { return "" }
        let text = row(y).map(\.text).joined()
        return String(text.reversed().drop(while: { $0 == " " }).reversed())
    }

    /// The role of every column in row `y`, for tests of what is highlighted.
    public func styles(row y: Int) -> [StyleRole] {
        guard y >= 0 && y < height else { return [] }
        return row(y).map(\.style)
    }

    func row(_ y: Int) -> ArraySlice<Cell> {
        cells[(y * width)..<((y + 1) * width)]
    }
}
