/// How many colours the terminal can show, from ncurses' `COLORS`.
public enum ColorDepth: Sendable, Equatable {
    /// No colour at all: only bold, dim, reverse and underline carry meaning.
    case none
    case basic8
    case basic16
    /// The xterm-256 palette. Terminals with direct colour are treated as this too: 256 colours
    /// are plenty for a dashboard and far better supported.
    case xterm256

    public init(terminalColors: Int) {
        switch terminalColors {
        case 256...: self = .xterm256
        case 16..<256: self = .basic16
        case 8..<16: self = .basic8
        default: self = .none
        }
    }
}

extension Color {
    /// The terminal colour number to ask for at `depth`: nil means the terminal's default colour
    /// (ncurses' -1), also used at depth `.none` where no colour can be asked for.
    public func terminalIndex(at depth: ColorDepth) -> Int? {
        switch (self, depth) {
        case (.terminalDefault, _), (_, .none):
            return nil
        case (.indexed(let index), .xterm256):
            return Int(index)
        case (.indexed(let index), .basic16) where index < 16,
             (.indexed(let index), .basic8) where index < 8:
            return Int(index)
        case (.indexed(let index), .basic8) where index < 16:
            // Bright variants lose only their brightness.
            return Int(index) - 8
        case (.indexed(let index), _):
            let (red, green, blue) = XtermPalette.rgb(ofIndex: index)
            return XtermPalette.nearestBasic(red: red, green: green, blue: blue, count: depth.basicCount)
        case (.rgb(let red, let green, let blue), .xterm256):
            return XtermPalette.nearest256(red: red, green: green, blue: blue)
        case (.rgb(let red, let green, let blue), _):
            return XtermPalette.nearestBasic(red: red, green: green, blue: blue, count: depth.basicCount)
        }
    }
}

extension Color {
    /// Whether `terminalIndex(at:)` had to pick a nearby colour rather than the one asked for.
    /// Basic colours named by the theme are never approximated: the user chose them.
    func isApproximated(at depth: ColorDepth) -> Bool {
        switch (self, depth) {
        case (.terminalDefault, _), (_, .none), (.indexed, .xterm256): false
        case (.rgb, _): true
        case (.indexed(let index), .basic16): index >= 16
        case (.indexed(let index), .basic8): index >= 8
        }
    }
}

extension ColorDepth {
    fileprivate var basicCount: Int { self == .basic16 ? 16 : 8 }
}
