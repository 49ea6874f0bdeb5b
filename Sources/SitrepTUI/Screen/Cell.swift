/// One column of the screen: what it shows and what that means.
public struct Cell: Equatable, Sendable {
    /// One printable character with any combining marks on it; empty in the right half of a
    /// two-column character (the terminal draws that half as part of the character on its left).
    public var text: String
    public var style: StyleRole

    public init(text: String, style: StyleRole) {
        self.text = text
        self.style = style
    }

    public var isContinuation: Bool { text.isEmpty }

    public static func blank(_ style: StyleRole = .normal) -> Cell {
        Cell(text: " ", style: style)
    }

    static func continuation(_ style: StyleRole) -> Cell {
        Cell(text: "", style: style)
    }
}
