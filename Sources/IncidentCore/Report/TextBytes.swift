/// Text built as UTF-8 bytes, for the commands that print a whole timeline: building each of
/// hundreds of thousands of lines from Swift strings (interpolation, `+`, padding by counting
/// characters) cost more than reading the journal. Every piece of journal text still goes
/// through `SafeText`; only text that needs no escape is copied without it.
package struct TextBytes {
    package internal(set) var bytes: [UInt8] = []

    package init() {}

    package var count: Int { bytes.count }
    package var string: String { String(decoding: bytes, as: UTF8.self) }

    package mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    package mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// A piece written the same for every line, copied without going through a String.
    package mutating func append(literal piece: StaticString) {
        piece.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    package mutating func reserveCapacity(_ count: Int) { bytes.reserveCapacity(count) }

    package mutating func append(byte: UInt8) { bytes.append(byte) }

    package mutating func append(bytes more: [UInt8]) { bytes.append(contentsOf: more) }

    /// Journal text, escaped for the terminal as `SafeText.escape` does.
    package mutating func appendEscaped(_ text: String) {
        if Self.isPlainASCII(text) { append(text) } else { append(SafeText.escape(text)) }
    }

    /// Journal text escaped, then padded with spaces to `width` characters.
    mutating func appendEscaped(_ text: String, paddedTo width: Int) {
        let length: Int
        if Self.isPlainASCII(text) {
            append(text)
            length = text.utf8.count
        } else {
            let escaped = SafeText.escape(text)
            append(escaped)
            length = escaped.count
        }
        if length < width { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width - length)) }
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
        let civil = CivilTime(time)
        appendDigits(civil.year, width: 4)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(civil.month, width: 2)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(civil.day, width: 2)
        bytes.append(UInt8(ascii: " "))
        appendDigits(civil.hour, width: 2)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(civil.minute, width: 2)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(civil.second, width: 2)
        bytes.append(UInt8(ascii: "Z"))
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

    /// True when every byte is printable ASCII: nothing to escape, one byte a character.
    static func isPlainASCII(_ text: String) -> Bool {
        let plain = text.utf8.withContiguousStorageIfAvailable { utf8 in
            utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        }
        return plain ?? text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }
}
