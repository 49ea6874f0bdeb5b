/// A colour as a theme names it, before it is fitted to what the terminal can show.
public enum Color: Hashable, Sendable {
    /// Whatever the terminal's own foreground or background is; keeps transparent backgrounds.
    case terminalDefault
    /// One of the 256 xterm colours; 0–15 are the basic ones the user's terminal palette decides.
    case indexed(UInt8)
    case rgb(red: UInt8, green: UInt8, blue: UInt8)
}

extension Color {
    /// The basic colour names a theme may use, in terminal order (index 0–15).
    public static let basicNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "brightBlack", "brightRed", "brightGreen", "brightYellow",
        "brightBlue", "brightMagenta", "brightCyan", "brightWhite",
    ]

    /// Parses `default`, `#rrggbb`, a basic colour name (`red`, `brightRed`, `bright-red`,
    /// `gray`/`grey` for bright black) or a terminal colour number `0`–`255`.
    /// Nil for anything else; palette names are resolved by the theme parser, not here.
    public init?(literal text: String) {
        let name = text.trimmingWhitespace().lowercased()
        if name == "default" {
            self = .terminalDefault
        } else if name.hasPrefix("#") {
            guard let rgb = Color.hexTriplet(String(name.dropFirst())) else { return nil }
            self = rgb
        } else if name.allSatisfy(\.isASCIIDigit), let number = UInt8(name) {
            self = .indexed(number)
        } else if let index = Color.basicIndex(named: name) {
            self = .indexed(index)
        } else {
            return nil
        }
    }

    private static func basicIndex(named name: String) -> UInt8? {
        let compact = name.replacingHyphensAndUnderscores
        if compact == "gray" || compact == "grey" { return 8 }
        let index = basicNames.firstIndex { $0.lowercased() == compact }
        return index.map { UInt8($0) }
    }

    private static func hexTriplet(_ digits: String) -> Color? {
        guard digits.count == 6, digits.allSatisfy(\.isHexDigit),
              let value = UInt32(digits, radix: 16) else { return nil }
        return .rgb(
            red: UInt8((value >> 16) & 0xFF),
            green: UInt8((value >> 8) & 0xFF),
            blue: UInt8(value & 0xFF)
        )
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isWholeNumber }
}

extension String {
    fileprivate var replacingHyphensAndUnderscores: String {
        String(filter { $0 != "-" && $0 != "_" })
    }
}
