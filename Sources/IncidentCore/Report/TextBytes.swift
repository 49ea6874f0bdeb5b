/// Text built as UTF-8 bytes, for the commands that print a whole timeline: building each of
/// hundreds of thousands of lines from Swift strings (interpolation, `+`, padding by counting
/// characters) cost more than reading the journal. Every piece of journal text still goes
/// through `SafeText`; only text that needs no escape is copied without it.
package struct TextBytes {
    package internal(set) var bytes: [UInt8] = []
    /// The second `appendUTC` wrote last, and what it wrote: a long timeline has several entries
    /// a second, each line starting with it, and writing the digits was two fifths of each line.
    private var utcSecond: Int64?
    private var utcText: [UInt8] = []

    package init() {}

    package var count: Int { bytes.count }
    package var string: String { String(decoding: bytes, as: UTF8.self) }

    package mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    package mutating func append(_ text: String) {
        // Through the string's own buffer: appending its UTF-8 view went through the generic path.
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    /// A piece written the same for every line, copied without going through a String.
    package mutating func append(literal piece: StaticString) {
        piece.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    package mutating func reserveCapacity(_ count: Int) { bytes.reserveCapacity(count) }

    package mutating func append(byte: UInt8) { bytes.append(byte) }

    package mutating func append(bytes more: [UInt8]) { bytes.append(contentsOf: more) }

    /// Journal text, escaped for the terminal as `SafeText.escape` does.
    package mutating func appendEscaped(_ text: String) {
        if !appendIfTerminalSafe(text) { append(SafeText.escape(text)) }
    }

    /// Journal text escaped, then padded with spaces to `width` characters.
    mutating func appendEscaped(_ text: String, paddedTo width: Int) {
        let start = bytes.count
        let length: Int
        if appendIfTerminalSafe(text) {
            let written = bytes.count - start
            length = bytes[start...].allSatisfy { $0 < 0x80 } ? written : text.count
        } else {
            let escaped = SafeText.escape(text)
            append(escaped)
            length = escaped.count
        }
        appendSpaces(width - length)
    }

    /// Appends `text` as it is when `SafeText.escape` would leave it so, found in its bytes
    /// (`EscapeScan`): a marker's `→` sent every one of hundreds of thousands of lines through
    /// escaping scalar by scalar. False, with nothing appended, otherwise.
    private mutating func appendIfTerminalSafe(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            guard EscapeScan.isTerminalSafe(UnsafeRawBufferPointer(utf8), allowingNewlines: false) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
    }

    /// Padding, a byte at a time: the widths are a dozen at most, and appending a repeated
    /// element or a slice of a row of spaces cost more than the bytes.
    private mutating func appendSpaces(_ count: Int) {
        guard count > 0 else { return }
        for _ in 0..<count { bytes.append(UInt8(ascii: " ")) }
    }

    /// `value` in decimal, at least `width` digits with leading zeros: as `RFC3339.pad2` (width
    /// 2), `RFC3339.pad4` (width 4) or `String(value)` (width 1), negative values included.
    mutating func appendDigits(_ value: Int, width: Int) {
        guard value >= 0 else {
            append(width == 4 ? RFC3339.pad4(value) : width == 2 ? RFC3339.pad2(value) : String(value))
            return
        }
        var digits = 1
        var scale = 10
        while digits < 19, value >= scale { digits += 1; scale &*= 10 }
        if digits < width { bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits)) }
        var remaining = value
        let end = bytes.count + digits
        bytes.append(contentsOf: repeatElement(0, count: digits))
        for index in stride(from: end - 1, through: end - digits, by: -1) {
            bytes[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
        }
    }

    /// `2023-06-01 09:15:00Z`, as `TimeText.utc`.
    mutating func appendUTC(_ time: Timestamp) {
        let (quotient, remainder) = time.microseconds.quotientAndRemainder(dividingBy: 1_000_000)
        let second = remainder < 0 ? quotient - 1 : quotient
        if second != utcSecond { (utcSecond, utcText) = (second, Self.utcBytes(time)) }
        bytes.append(contentsOf: utcText)
    }

    /// `TimeText.utc(time)` as bytes, written in place on the stack for four-digit years:
    /// appending digit by digit cost 2,000 instructions a time.
    private static func utcBytes(_ time: Timestamp) -> [UInt8] {
        let civil = CivilTime(time)
        guard (0...9999).contains(civil.year) else { return Array(TimeText.utc(time).utf8) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { text in
            func put(_ value: Int, endingAt end: Int, digits: Int, then separator: UInt8) {
                var rest = value
                for index in stride(from: end, to: end - digits, by: -1) {
                    text[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                    rest /= 10
                }
                text[end + 1] = separator
            }
            put(civil.year, endingAt: 3, digits: 4, then: UInt8(ascii: "-"))
            put(civil.month, endingAt: 6, digits: 2, then: UInt8(ascii: "-"))
            put(civil.day, endingAt: 9, digits: 2, then: UInt8(ascii: " "))
            put(civil.hour, endingAt: 12, digits: 2, then: UInt8(ascii: ":"))
            put(civil.minute, endingAt: 15, digits: 2, then: UInt8(ascii: ":"))
            put(civil.second, endingAt: 18, digits: 2, then: UInt8(ascii: "Z"))
            return Array(UnsafeBufferPointer(text))
        }
    }

    /// `June 1, 2023, 09:15 (UTC)`, as `TimeText.long`.
    mutating func appendLong(_ time: Timestamp) {
        let civil = CivilTime(time)
        append(TimeText.monthNames[civil.month - 1])
        bytes.append(UInt8(ascii: " "))
        appendDigits(civil.day, width: 1)
        append(", ")
        appendDigits(civil.year, width: 1)
        append(", ")
        appendDigits(civil.hour, width: 2)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(civil.minute, width: 2)
        append(" (UTC)")
    }
}
