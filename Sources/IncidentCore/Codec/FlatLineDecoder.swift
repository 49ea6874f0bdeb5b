/// Reads, in one pass over the bytes, the shape nearly every journal line has: one object without
/// whitespace, keys and string values without escapes, numbers in plain decimal form (no exponent,
/// at most 18 digits), each known field with the type the contract gives it. That is what sitrep,
/// its collector and `jq -c` write.
///
/// Anything else returns nil, and the line is read again by the general path (`JSONParser` and
/// `DecodedFields`): escapes, nested values, `true`/`false`/`null`, wrong types, and every bad line
/// with its reason are that path's alone, and so is a line that is not valid UTF-8. Where this
/// returns an event, it is the one the general path makes of the same line (`FlatLineDecoderTests`
/// holds it to that).
///
/// Why a second reader: the general one hands each member through closures and enums that own
/// their values, and that bookkeeping, not the bytes, was most of the time `summary` spent.
enum FlatLineDecoder {
    static func decode(_ line: UnsafeRawBufferPointer) -> Event? {
        guard let base = line.baseAddress else { return nil }
        var cursor = FlatCursor(base: base, end: line.count)
        let names = FieldName.table
        var fields = Event.Fields()
        var found = RequiredMembers()
        var extra: [Event.ExtraField] = []
        guard cursor.take(FlatCursor.openBrace) else { return nil }
        repeat {
            guard let key = cursor.key() else { return nil }
            let name = names.lookup(key.baseAddress!, count: key.count, readable: cursor.end - cursor.offset(of: key))
            guard let value = cursor.value(),
                  store(value, as: name, key: key, in: &fields, &found, &extra) else { return nil }
        } while cursor.take(FlatCursor.comma)
        guard cursor.take(FlatCursor.closeBrace), cursor.atEnd, let time = found.time, let kind = found.kind else {
            return nil
        }
        // The strings made above from a line that is not UTF-8 are repaired copies, dropped here.
        if cursor.sawNonASCII, !EventDecoder.isValidUTF8(line) { return nil }
        return Event(ts: time, kind: kind, storage: Event.Storage(fields: fields, extra: extra))
    }

    private struct RequiredMembers {
        var time: Timestamp?
        var kind: EventKind?
    }

    /// Stores one member as `DecodedFields` would, the last of a repeated key winning; false where
    /// that path would do anything else (a bad time, a wrong type), so the line goes to it.
    @inline(__always)
    private static func store(
        _ value: FlatValue, as name: FieldName?, key: UnsafeRawBufferPointer,
        in fields: inout Event.Fields, _ found: inout RequiredMembers, _ extra: inout [Event.ExtraField]
    ) -> Bool {
        switch (name, value) {
        case (.ts, .string(let raw)):
            guard let time = RFC3339.parse(raw) else { return false }
            found.time = time
        case (.kind, .string(let raw)):
            found.kind = EventKind.lookup(raw)
        case (.field(let field), _):
            return store(value, in: field, &fields)
        case (nil, .string(let raw)):
            keep(key, .string(String(decoding: raw, as: UTF8.self)), in: &extra)
        case (nil, .number(let number)):
            keep(key, .number(number), in: &extra)
        case (.ts, .number), (.kind, .number):
            return false
        }
        return true
    }

    @inline(__always)
    private static func store(_ value: FlatValue, in field: EventField, _ fields: inout Event.Fields) -> Bool {
        switch (field.value, value) {
        case (.string(let slot), .string(let raw)):
            slot.set(&fields, String(decoding: raw, as: UTF8.self))
        case (.time(let slot), .string(let raw)):
            guard let time = RFC3339.parse(raw) else { return false }
            slot.set(&fields, time)
        case (.number(let slot), .number(let number)):
            slot.set(&fields, number)
        case (.integer(let slot), .number(let number)):
            // The general path's rule (`number == number.rounded()`, below 1e15), without the call to
            // libm's round: under 1e15, a Double is whole exactly when converting it to Int loses nothing.
            guard abs(number) < 1e15, Double(Int(number)) == number else { return false }
            slot.set(&fields, Int(number))
        default:
            return false
        }
        return true
    }

    /// An unknown member, kept in `extra` in file order; a repeated key keeps its first place and
    /// its last value, as in `DecodedFields.keep`.
    private static func keep(_ rawKey: UnsafeRawBufferPointer, _ value: JSONValue, in extra: inout [Event.ExtraField]) {
        let key = String(decoding: rawKey, as: UTF8.self)
        if let index = extra.firstIndex(where: { $0.key == key }) {
            extra[index].value = value
        } else {
            extra.append(.init(key: key, value: value))
        }
    }
}

/// A member's value as the flat reader takes it: a view of an unescaped string, or a number.
enum FlatValue {
    case string(UnsafeRawBufferPointer)
    case number(Double)
}

/// A position in one line, read through a raw pointer: the reader checks each index against the
/// end itself, once, where a buffer's subscript would check it again on every byte.
struct FlatCursor {
    static var quote: UInt8 { UInt8(ascii: "\"") }
    static var backslash: UInt8 { UInt8(ascii: "\\") }
    static var colon: UInt8 { UInt8(ascii: ":") }
    static var comma: UInt8 { UInt8(ascii: ",") }
    static var openBrace: UInt8 { UInt8(ascii: "{") }
    static var closeBrace: UInt8 { UInt8(ascii: "}") }
    static var minus: UInt8 { UInt8(ascii: "-") }
    static var dot: UInt8 { UInt8(ascii: ".") }
    static var zero: UInt8 { UInt8(ascii: "0") }

    let base: UnsafeRawPointer
    let end: Int
    private(set) var at = 0
    /// A byte of 0x80 or more was met (only strings may hold one); the line's UTF-8 must be checked.
    private(set) var sawNonASCII = false

    init(base: UnsafeRawPointer, end: Int) {
        self.base = base
        self.end = end
    }

    var atEnd: Bool { at == end }

    func offset(of bytes: UnsafeRawBufferPointer) -> Int { base.distance(to: bytes.baseAddress!) }

    @inline(__always)
    private func byte(_ index: Int) -> UInt8 { base.load(fromByteOffset: index, as: UInt8.self) }

    @inline(__always)
    mutating func take(_ expected: UInt8) -> Bool {
        guard at < end, byte(at) == expected else { return false }
        at += 1
        return true
    }

    /// `"key":`, the key as raw bytes.
    @inline(__always)
    mutating func key() -> UnsafeRawBufferPointer? {
        guard let key = plainString(), take(Self.colon) else { return nil }
        return key
    }

    @inline(__always)
    mutating func value() -> FlatValue? {
        guard at < end else { return nil }
        let first = byte(at)
        if first == Self.quote { return plainString().map(FlatValue.string) }
        if first == Self.minus || first &- Self.zero < 10 { return plainNumber().map(FlatValue.number) }
        return nil
    }

    /// A string without escapes or control characters, as a view of its bytes; nil for any other.
    /// Notes whether it holds a byte of 0x80 or more, so an ASCII line needs no separate pass for
    /// its UTF-8 to be checked.
    @inline(__always)
    private mutating func plainString() -> UnsafeRawBufferPointer? {
        guard take(Self.quote) else { return nil }
        var scan = at
        // Eight bytes at a time; the first that needs attention is found from the word's flags.
        while scan + 8 <= end {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: scan, as: UInt64.self))
            var flags = JSONParser.attentionBits(word)
            if !sawNonASCII { flags |= word & 0x8080_8080_8080_8080 }
            if flags != 0 {
                let index = scan + flags.trailingZeroBitCount / 8
                guard byte(index) >= 0x80 else { return closeString(at: index) }
                sawNonASCII = true
                scan = index + 1
                continue
            }
            scan += 8
        }
        while scan < end {
            let byte = byte(scan)
            if byte == Self.quote || byte == Self.backslash || byte < 0x20 { return closeString(at: scan) }
            if byte >= 0x80 { sawNonASCII = true }
            scan += 1
        }
        return nil
    }

    /// The string ends at `index` if its byte is the closing quote; a backslash or a control
    /// character there is for the general path.
    @inline(__always)
    private mutating func closeString(at index: Int) -> UnsafeRawBufferPointer? {
        guard byte(index) == Self.quote else { return nil }
        defer { at = index + 1 }
        return UnsafeRawBufferPointer(start: base + at, count: index - at)
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?` with at most 18 digits and a mantissa exact in a Double:
    /// the general parser's simple case, computed the same way, so the same Double.
    private mutating func plainNumber() -> Double? {
        var scan = at
        let negative = byte(scan) == Self.minus
        if negative { scan += 1 }
        guard scan < end, byte(scan) &- Self.zero < 10 else { return nil }
        if byte(scan) == Self.zero, scan + 1 < end, byte(scan + 1) &- Self.zero < 10 { return nil }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        func readDigits() -> Bool {
            while scan < end {
                let digit = byte(scan) &- Self.zero
                guard digit < 10 else { break }
                guard digits < 18 else { return false }
                mantissa = mantissa * 10 + UInt64(digit)
                digits += 1
                scan += 1
            }
            return true
        }
        guard readDigits() else { return nil }
        if scan < end, byte(scan) == Self.dot {
            scan += 1
            let integerDigits = digits
            guard readDigits() else { return nil }
            fractionDigits = digits - integerDigits
            guard fractionDigits > 0 else { return nil }
        }
        guard mantissa <= 1 << 53 else { return nil }
        at = scan
        let value = Double(mantissa) / JSONParser.powersOfTen[fractionDigits]
        return negative ? -value : value
    }
}
