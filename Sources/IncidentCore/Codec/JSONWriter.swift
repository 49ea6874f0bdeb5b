/// Writes compact JSON into a byte buffer with keys in the order given, so that journal lines and
/// `summary --json` come out byte-for-byte stable (hashes are taken over these bytes).
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = []

    public init() {}

    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    public mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma.removeLast() }
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    public mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma.removeLast() }

    public mutating func key(_ name: String) {
        separate()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        // The value that follows must not add another comma.
        if !needsComma.isEmpty { needsComma[needsComma.count - 1] = false }
    }

    public mutating func string(_ value: String) { separate(); appendQuoted(value) }
    public mutating func null() { separate(); bytes.append(contentsOf: Array("null".utf8)) }
    public mutating func bool(_ value: Bool) { separate(); bytes.append(contentsOf: Array((value ? "true" : "false").utf8)) }
    public mutating func int(_ value: Int) { separate(); bytes.append(contentsOf: Array(String(value).utf8)) }

    public mutating func number(_ value: Double) {
        separate()
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            bytes.append(contentsOf: Array(String(Int64(value)).utf8))
        } else if value.isFinite {
            bytes.append(contentsOf: Array(String(value).utf8))
        } else {
            bytes.append(contentsOf: Array("null".utf8))
        }
    }

    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .number(let number): self.number(number)
        case .string(let text): string(text)
        case .array(let items):
            beginArray()
            for item in items { self.value(item) }
            endArray()
        case .object(let pairs):
            beginObject()
            for pair in pairs { key(pair.key); self.value(pair.value) }
            endObject()
        }
    }

    /// Writes `"key": value` when the value is present; absent optionals leave no trace.
    public mutating func field(_ name: String, _ text: String?) {
        guard let text else { return }
        key(name); string(text)
    }

    public mutating func field(_ name: String, _ number: Int?) {
        guard let number else { return }
        key(name); int(number)
    }

    public mutating func field(_ name: String, _ number: Double?) {
        guard let number else { return }
        key(name); self.number(number)
    }

    public mutating func field(_ name: String, _ time: Timestamp?) {
        guard let time else { return }
        key(name); string(RFC3339.format(time))
    }

    private mutating func separate() {
        guard !needsComma.isEmpty else { return }
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// JSON needs only `"`, `\` and C0 escaped; DEL, C1, the bidi controls and U+2028/U+2029 are
    /// escaped too (`\u009b`), so `summary --json | cat` and `tail` of a journal are as safe on a
    /// terminal as the text commands. The string read back is the same.
    private mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: bytes.append(contentsOf: [92, 34])
            case 0x5C: bytes.append(contentsOf: [92, 92])
            case 0x0A: bytes.append(contentsOf: [92, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [92, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0..<0x80 where !SafeText.needsEscape(scalar): bytes.append(UInt8(scalar.value))
            case _ where SafeText.needsEscape(scalar): appendUnicodeEscape(scalar.value)
            default: UTF8.encode(scalar) { bytes.append($0) }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `\uXXXX`; every scalar that needs it is in the Basic Multilingual Plane.
    private mutating func appendUnicodeEscape(_ value: UInt32) {
        bytes.append(contentsOf: [92, UInt8(ascii: "u")])
        for shift in [12, 8, 4, 0] { bytes.append(Self.hexDigits[Int((value >> UInt32(shift)) & 0xF)]) }
    }
}
