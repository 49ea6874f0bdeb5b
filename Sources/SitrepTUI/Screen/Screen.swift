/// A frame as a grid of cells: views draw into it, a backend puts it on the terminal, tests read
/// it back. Nothing here knows about terminals or colours.
public struct Screen: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// Row after row, `width` cells each. Only `place` writes text here, and it takes glyphs,
    /// which only `Glyph.split` makes from escaped text: so no cell can hold a control character.
    private(set) var cells: [Cell]

    /// A blank screen; negative sizes count as zero.
    public init(width: Int, height: Int, style: StyleRole = .normal) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank(style), count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at a position, nil outside the screen.
    public func cell(x: Int, y: Int) -> Cell? {
        contains(x: x, y: y) ? cells[y * width + x] : nil
    }

    func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height
    }

    /// Writes one glyph, keeping two-column characters whole: whatever half of an old wide
    /// character is overwritten, its other half becomes a blank.
    mutating func place(_ glyph: Glyph, x: Int, y: Int, style: StyleRole) {
        guard contains(x: x, y: y), glyph.width == 1 || x + 1 < width else { return }
        clearWideCharacter(touching: x, y: y)
        if glyph.width == 2 { clearWideCharacter(touching: x + 1, y: y) }
        cells[y * width + x] = Cell(text: glyph.text, style: style)
        if glyph.width == 2 { cells[y * width + x + 1] = .continuation(style) }
    }

    mutating func setStyle(_ style: StyleRole, x: Int, y: Int) {
        guard contains(x: x, y: y) else { return }
        cells[y * width + x].style = style
    }

    private mutating func clearWideCharacter(touching x: Int, y: Int) {
        let index = y * width + x
        if cells[index].isContinuation, x > 0 {
            cells[index - 1].text = " "
        } else if x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1].text = " "
        }
        cells[index].text = " "
    }
}
