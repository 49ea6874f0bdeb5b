/// A strict JSON parser over raw bytes, for one journal line at a time.
///
/// Foundation's JSONSerialization allocates a bridged object graph per line; at a million lines
/// that alone costs seconds. This parser reads the bytes in place and builds Swift values only
/// for what the line holds. Input must already be known to be valid UTF-8.
struct JSONParser {
    struct Failure: Error, Equatable {
        let message: String
        let offset: Int
    }

    private let bytes: UnsafeRawBufferPointer
    private var index = 0
    private static let maximumDepth = 64

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// A top-level member's value. A string without escapes stays a view into the line, so the
    /// decoder can read a timestamp or a kind straight from the bytes and build a String only
    /// for the fields it keeps.
    enum MemberValue {
        case unescapedString(UnsafeRawBufferPointer)
        case value(JSONValue)
    }

    /// Parses a whole line that must be one JSON object, handing each top-level member to
    /// `member` with its key as raw UTF-8: matching a key against known names byte by byte
    /// costs far less than building and comparing a String for every field of every line.
    static func parseObject(
        _ bytes: UnsafeRawBufferPointer,
        member: (UnsafeRawBufferPointer, MemberValue) throws(Failure) -> Void
    ) throws(Failure) {
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        guard parser.peek() == UInt8(ascii: "{") else {
            throw parser.failure(parser.index >= bytes.count ? "empty line" : "not a JSON object")
        }
        parser.index += 1
        try parser.members(depth: 1, parseValue: { parser throws(Failure) in try parser.memberValue() }) {
            key, value throws(Failure) in
            switch key {
            case .raw(let raw): try member(raw, value)
            case .decoded(var text):
                var failure: Failure?
                text.withUTF8 { utf8 in
                    do throws(Failure) { try member(UnsafeRawBufferPointer(utf8), value) } catch { failure = error }
                }
                if let failure { throw failure }
            }
        }
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.failure("unexpected text after the object") }
    }

    private mutating func memberValue() throws(Failure) -> MemberValue {
        skipWhitespace()
        guard peek() == UInt8(ascii: "\"") else { return .value(try value(depth: 1)) }
        switch try key() {
        case .raw(let raw): return .unescapedString(raw)
        case .decoded(let text): return .value(.string(text))
        }
    }

    private enum Key {
        case raw(UnsafeRawBufferPointer)
        case decoded(String)

        var text: String {
            switch self {
            case .raw(let bytes): String(decoding: bytes, as: UTF8.self)
            case .decoded(let text): text
            }
        }
    }

    private mutating func members<Value>(
        depth: Int,
        parseValue: (inout JSONParser) throws(Failure) -> Value,
        _ member: (Key, Value) throws(Failure) -> Void
    ) throws(Failure) {
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { index += 1; return }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw failure("expected a quoted key") }
            let key = try self.key()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw failure("expected ':' after key \(SafeText.quoted(key.text))") }
            index += 1
            let value = try parseValue(&self)
            try member(key, value)
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return
            default: throw failure("expected ',' or '}' in object")
            }
        }
    }

    /// A string without escapes stays a view into the line; only an escaped one is decoded.
    private mutating func key() throws(Failure) -> Key {
        let start = index + 1
        var scan = Self.plainRun(bytes, from: start)
        while scan < bytes.count {
            let byte = bytes[scan]
            if byte == UInt8(ascii: "\"") {
                index = scan + 1
                return .raw(UnsafeRawBufferPointer(rebasing: bytes[start..<scan]))
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            scan += 1
        }
        return .decoded(try string())
    }

    private mutating func value(depth: Int) throws(Failure) -> JSONValue {
        skipWhitespace()
        guard let byte = peek() else { throw failure("unexpected end of line") }
        switch byte {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"):
            guard depth < Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth) levels") }
            index += 1
            var pairs: [(key: String, value: JSONValue)] = []
            try members(depth: depth + 1, parseValue: { parser throws(Failure) in try parser.value(depth: depth + 1) }) {
                key, value throws(Failure) in pairs.append((key.text, value))
            }
            return .object(pairs)
        case UInt8(ascii: "["):
            guard depth < Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth) levels") }
            index += 1
            return .array(try elements(depth: depth + 1))
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw failure("unexpected character")
        }
    }

    private mutating func elements(depth: Int) throws(Failure) -> [JSONValue] {
        var items: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { index += 1; return items }
        while true {
            items.append(try value(depth: depth))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return items
            default: throw failure("expected ',' or ']' in array")
            }
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw failure("unexpected end of line") }
        let matches = word.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[index + $0] == expected[$0] }
        }
        guard matches else { throw failure("unexpected character") }
        index += count
    }

    private mutating func number() throws(Failure) -> Double {
        let start = index
        var negative = false
        if peek() == UInt8(ascii: "-") { negative = true; index += 1 }
        var mantissa: UInt64 = 0
        var digitCount = 0
        var fractionDigits = 0
        var simple = true
        guard let first = peek(), isDigit(first) else { throw failure("invalid number") }
        if first == UInt8(ascii: "0"), index + 1 < bytes.count, isDigit(bytes[index + 1]) {
            throw failure("invalid number (leading zero)")
        }
        while let byte = peek(), isDigit(byte) {
            index += 1
            if digitCount < 18 { mantissa = mantissa * 10 + UInt64(byte - 48); digitCount += 1 } else { simple = false }
        }
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard let byte = peek(), isDigit(byte) else { throw failure("invalid number") }
            while let byte = peek(), isDigit(byte) {
                index += 1
                if digitCount < 18 {
                    mantissa = mantissa * 10 + UInt64(byte - 48); digitCount += 1; fractionDigits += 1
                } else { simple = false }
            }
        }
        if let byte = peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            simple = false
            index += 1
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { index += 1 }
            guard let digit = peek(), isDigit(digit) else { throw failure("invalid number") }
            while let digit = peek(), isDigit(digit) { index += 1 }
        }
        // Up to 2^53 the mantissa is exact in a Double; past it, it would be rounded once here
        // and again by the division, and 14.1779069246364773 came out one unit off.
        if simple, mantissa <= 1 << 53 {
            // Both operands are exact in a Double, so one division rounds correctly.
            let value = Double(mantissa) / Self.powersOfTen[fractionDigits]
            return negative ? -value : value
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text) else { throw failure("invalid number") }
        // Swift reads 1e400 as infinity, which no JSON writer can write back.
        guard value.isFinite else { index = start; throw failure("number too large") }
        return value
    }

    /// 10^0 through 10^18, each exact in a Double; the flat line reader divides by the same ones.
    static let powersOfTen: [Double] = (0...18).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    private mutating func string() throws(Failure) -> String {
        index += 1  // opening quote
        let start = index
        index = Self.plainRun(bytes, from: start)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                defer { index += 1 }
                return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
            if byte < 0x20 { throw failure("raw control character in string") }
            index += 1
        }
        throw failure("unterminated string")
    }

    /// The slow path, for strings with backslash escapes.
    private mutating func escapedString(from start: Int) throws(Failure) -> String {
        var scalars: [UInt8] = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escape = peek() else { throw failure("unterminated string") }
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"): scalars.append(contentsOf: Array(String(try unicodeEscape()).utf8))
                default: throw failure("invalid escape in string")
                }
            case 0..<0x20:
                throw failure("raw control character in string")
            default:
                scalars.append(byte)
            }
        }
        throw failure("unterminated string")
    }

    /// `\uXXXX`, joining surrogate pairs; a lone surrogate becomes U+FFFD rather than failing the line.
    private mutating func unicodeEscape() throws(Failure) -> Character {
        let high = try hex4()
        if (0xD800...0xDBFF).contains(high), index + 6 <= bytes.count,
           bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
            let saved = index
            index += 2
            let low = try hex4()
            if (0xDC00...0xDFFF).contains(low) {
                let combined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                return Character(Unicode.Scalar(combined) ?? "\u{FFFD}")
            }
            index = saved
        }
        return Character(Unicode.Scalar(high) ?? "\u{FFFD}")
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("invalid \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - 48
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - 87
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - 55
            default: throw failure("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// Skips eight bytes at a time past string content that needs no attention: no quote, no
    /// backslash, no control character. Returns where the byte-by-byte scan must resume.
    private static func plainRun(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var position = start
        while position + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)
            if needsAttention(word) { break }
            position += 8
        }
        return position
    }

    @inline(__always)
    static func needsAttention(_ word: UInt64) -> Bool { attentionBits(word) != 0 }

    /// The high bit of each byte of `word` that is a quote, a backslash or a control character,
    /// the first byte in the lowest bits (the word as loaded on a little-endian machine). A borrow
    /// can flag a byte after a flagged one, never before it, so the lowest flag is always right.
    @inline(__always)
    static func attentionBits(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func zeroBytes(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
        let quote = zeroBytes(word ^ (ones &* 0x22))
        let backslash = zeroBytes(word ^ (ones &* 0x5C))
        // A byte below 0x20; bytes of 0x80 and above (UTF-8) are excluded by `~word`.
        let control = (word &- ones &* 0x20) & ~word & highs
        return quote | backslash | control
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }
    private func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A { index += 1 }
    }

    private func failure(_ message: String) -> Failure { Failure(message: message, offset: index) }
}
