/// JSON documents for the differential test, from a seed: the same seed gives the same corpus
/// on every machine, so a disagreement it finds can be replayed. Valid documents come from a
/// small grammar with the edges weighted up (escapes, surrogate pairs, exponents, long digit
/// runs, duplicate keys, whitespace); broken ones are valid ones with one scalar cut, added or
/// changed, which is how real lines break.
struct JSONCorpusGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A top-level object, the shape of every journal line.
    mutating func document() -> String {
        object(depth: 1)
    }

    /// `valid` with one edit; it may still be valid, which the comparison allows for.
    mutating func broken(_ valid: String) -> String {
        var scalars = Array(valid.unicodeScalars)
        let position = int(0..<scalars.count)
        let troublemakers: [Unicode.Scalar] = [",", "]", "}", "[", "{", ":", "\"", "\\", "x", "0", "-", ".", "e", "u", "\u{01}", "\t", "\n", " "]
        let edit = int(0..<5)
        switch edit {
        case 0: scalars.removeSubrange(position...)
        case 1: scalars.insert(pick(troublemakers), at: position)
        case 2: scalars.remove(at: position)
        case 3: scalars[position] = pick(troublemakers)
        default: scalars += pick(["x", ",", "}", "]", " 1", "{}"]).unicodeScalars
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }

    // MARK: - Values

    mutating func value(depth: Int) -> String {
        if depth < 6, chance(0.02) { return deepChain() }
        let choice = int(0..<(depth < 5 ? 10 : 7))
        switch choice {
        case 0...2: return number()  // where parsers differ most
        case 3...4: return string()
        case 5...6: return pick(["true", "false", "null"])
        case 7: return array(depth: depth + 1)
        default: return object(depth: depth + 1)
        }
    }

    private mutating func object(depth: Int) -> String {
        // A small pool of keys makes duplicates common, some of them spelled with escapes.
        let keys = [#""a""#, #""b""#, #""k""#, #""\u0061""#, #""é""#, #""\u00e9""#, #""e\u0301""#, #""""#, #""ts""#, #""kind""#]
        var members: [String] = []
        for _ in 0..<int(0..<5) {
            let key = pick(keys)
            members.append(space() + key + space() + ":" + space() + value(depth: depth) + space())
        }
        return "{" + (members.isEmpty ? space() : members.joined(separator: ",")) + "}"
    }

    private mutating func array(depth: Int) -> String {
        var items: [String] = []
        for _ in 0..<int(0..<5) { items.append(space() + value(depth: depth) + space()) }
        return "[" + (items.isEmpty ? space() : items.joined(separator: ",")) + "]"
    }

    /// Arrays and objects nested up to 40 deep, within the parser's 64 levels.
    private mutating func deepChain() -> String {
        let levels = int(10..<40)
        var opening = ""
        var closing = ""
        for _ in 0..<levels {
            if chance(0.5) { opening += "["; closing = "]" + closing } else { opening += #"{"d":"#; closing = "}" + closing }
        }
        return opening + value(depth: 99) + closing
    }

    /// A JSON number: long digit runs, fractions and exponents up to overflow are weighted up.
    mutating func number() -> String {
        var text = chance(0.3) ? "-" : ""
        if chance(0.15) {
            text += "0"
        } else {
            let first = int(1...9)
            let more = chance(0.2) ? int(0..<30) : int(0..<6)
            text += String(first) + digits(more)
        }
        if chance(0.4) {
            let count = chance(0.2) ? int(1..<25) : int(1..<5)
            text += "." + digits(count)
        }
        if chance(0.3) {
            let exponent = chance(0.1) ? int(290..<340) : int(0..<30)
            text += pick(["e", "E"]) + pick(["", "+", "-"]) + String(exponent)
        }
        return text
    }

    private mutating func digits(_ count: Int) -> String {
        var text = ""
        for _ in 0..<count {
            let digit = int(0..<10)
            text += String(digit)
        }
        return text
    }

    mutating func string() -> String {
        var text = "\""
        let pieces = int(0..<6)
        for _ in 0..<pieces {
            let piece = int(0..<7)
            switch piece {
            case 0: text += pick(["a", "plain words", "x y z", "/", "'", "\u{7F}", "~"])
            case 1: text += pick([#"\""#, #"\\"#, #"\/"#, #"\b"#, #"\f"#, #"\n"#, #"\r"#, #"\t"#])
            case 2:
                let scalar = basic()
                text += unicodeEscape(scalar)
            case 3: text += surrogatePair()
            case 4: text += pick(["é", "e\u{301}", "中文", "😀", "\u{200B}", "\u{80}", "\u{FFFD}", "\u{202E}", "\u{2028}"])
            case 5:
                let control = UInt32(int(0..<0x20))
                text += unicodeEscape(control)
            default:
                let count = int(0..<40)
                text += String(repeating: "w", count: count)
            }
        }
        return text + "\""
    }

    /// A scalar of the basic plane that is not a surrogate.
    private mutating func basic() -> UInt32 {
        let value = UInt32(int(0x20..<0xFFFF))
        return (0xD800...0xDFFF).contains(value) ? value - 0x800 : value
    }

    private mutating func surrogatePair() -> String {
        let scalar = UInt32(int(0x10000..<0x110000)) - 0x10000
        let high = unicodeEscape(0xD800 + (scalar >> 10))
        return high + unicodeEscape(0xDC00 + (scalar & 0x3FF))
    }

    private mutating func unicodeEscape(_ value: UInt32) -> String {
        let uppercase = chance(0.5)
        let hex = String(value, radix: 16, uppercase: uppercase)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }

    private mutating func space() -> String {
        chance(0.8) ? "" : pick([" ", "\t", "\n", "\r\n", "  \t "])
    }

    // MARK: - Randomness: SplitMix64, small and the same everywhere

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: Range<Int>) -> Int {
        let random = next()
        return range.lowerBound + Int(random % UInt64(range.count))
    }

    private mutating func int(_ range: ClosedRange<Int>) -> Int { int(range.lowerBound..<(range.upperBound + 1)) }

    mutating func chance(_ probability: Double) -> Bool {
        let random = next()
        return Double(random >> 11) / Double(UInt64(1) << 53) < probability
    }

    mutating func pick<Item>(_ items: [Item]) -> Item {
        let index = int(0..<items.count)
        return items[index]
    }
}
