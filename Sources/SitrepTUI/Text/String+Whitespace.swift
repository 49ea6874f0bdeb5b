extension String {
    /// Without leading and trailing whitespace, for what a user types or a theme file holds.
    func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
