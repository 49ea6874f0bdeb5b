import Crypto
#if canImport(Glibc)
import Glibc
#endif

/// What `sitrep verify` needs of one journal line: its hash, whether it is an event (and if not,
/// the reason the reader gives), and its `prev` and `id`.
///
/// Found without decoding the event: verify used `EventDecoder`, which builds every field of
/// every line only to read two of them, and that was most of its time. The line is still parsed
/// whole by the same parser, so a line is bad here exactly when the reader calls it bad, with
/// the same reason (ChainLineTests compares the two on a corpus).
struct ChainLine: Sendable {
    enum Prev: Sendable, Equatable {
        case absent
        case hash(LineHash)
        /// A `prev` that is not 64 lower-case hex digits: no line's hash is written that way.
        case unmatchable
    }

    let hash: LineHash
    /// Nil when the line is an event.
    var badReason: String?
    var prev = Prev.absent
    var id: String?

    init(_ line: UnsafeRawBufferPointer) {
        hash = LineHash(SHA256.hash(data: line))
        guard EventDecoder.isValidUTF8(line) else {
            badReason = "not valid UTF-8"
            return
        }
        var members = Members()
        do {
            try JSONParser.parseObject(line) { key, value throws(JSONParser.Failure) in members.take(key, value) }
        } catch {
            badReason = "not a JSON object: \(error.message) at byte \(error.offset + 1)"
            return
        }
        badReason = members.timeProblem ?? members.kindProblem
        prev = members.prev
        id = members.id
    }

    /// The members `EventDecoder` requires or verify reads; like the decoder, the last of a
    /// repeated key counts, and a known field of the wrong type counts as missing.
    private struct Members {
        var timeProblem: String? = "missing \"ts\""
        var kindProblem: String? = "missing \"kind\""
        var prev = Prev.absent
        var id: String?

        mutating func take(_ key: UnsafeRawBufferPointer, _ value: JSONParser.MemberValue) {
            if Self.key(key, is: "ts") {
                timeProblem = Self.timeProblem(value)
            } else if Self.key(key, is: "kind") {
                if case .value(let other) = value, !other.isString { kindProblem = "\"kind\" is not a string" } else { kindProblem = nil }
            } else if Self.key(key, is: "prev") {
                prev = Self.prev(value)
            } else if Self.key(key, is: "id") {
                id = Self.string(value)
            }
        }

        /// The decoder's messages, word for word.
        private static func timeProblem(_ value: JSONParser.MemberValue) -> String? {
            switch value {
            case .unescapedString(let raw):
                RFC3339.parse(raw) != nil
                    ? nil : "\"ts\" is not an RFC 3339 time: \(SafeText.quoted(String(decoding: raw, as: UTF8.self)))"
            case .value(.string(let text)):
                RFC3339.parse(text) != nil ? nil : "\"ts\" is not an RFC 3339 time: \(SafeText.quoted(text))"
            case .value:
                "\"ts\" is not a string"
            }
        }

        private static func prev(_ value: JSONParser.MemberValue) -> Prev {
            switch value {
            case .unescapedString(let raw): LineHash(hex: raw).map(Prev.hash) ?? .unmatchable
            case .value(.string(var text)): text.withUTF8 { LineHash(hex: UnsafeRawBufferPointer($0)) }.map(Prev.hash) ?? .unmatchable
            case .value: .absent
            }
        }

        private static func string(_ value: JSONParser.MemberValue) -> String? {
            switch value {
            case .unescapedString(let raw): String(decoding: raw, as: UTF8.self)
            case .value(.string(let text)): text
            case .value: nil
            }
        }

        @inline(__always)
        private static func key(_ key: UnsafeRawBufferPointer, is name: StaticString) -> Bool {
            key.count == name.utf8CodeUnitCount && memcmp(key.baseAddress!, name.utf8Start, key.count) == 0
        }
    }
}

private extension JSONValue {
    var isString: Bool {
        if case .string = self { return true }
        return false
    }
}

/// A SHA-256 held as four machine words: compared, and kept for the next line, without the
/// 64-digit text that a million lines made a million strings of.
struct LineHash: Sendable, Equatable {
    /// The digest's bytes in order, eight to a word, the first byte lowest.
    private let words: (UInt64, UInt64, UInt64, UInt64)

    init(_ digest: SHA256.Digest) {
        words = digest.withUnsafeBytes { raw in
            (raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
             raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self), raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        }
    }

    /// Exactly 64 lower-case hex digits, as `ChainHash` writes them; nil for anything else.
    init?(hex: UnsafeRawBufferPointer) {
        guard hex.count == 64 else { return nil }
        var invalid: UInt8 = 0
        let words = (Self.word(hex, 0, &invalid), Self.word(hex, 1, &invalid), Self.word(hex, 2, &invalid), Self.word(hex, 3, &invalid))
        guard invalid == 0 else { return nil }
        self.words = words
    }

    static func == (lhs: LineHash, rhs: LineHash) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2 && lhs.words.3 == rhs.words.3
    }

    /// Word `index` from its 16 digits; a digit that is not lower-case hex sets a high bit of `invalid`.
    @inline(__always)
    private static func word(_ hex: UnsafeRawBufferPointer, _ index: Int, _ invalid: inout UInt8) -> UInt64 {
        var word: UInt64 = 0
        for byte in 0..<8 {
            let high = nibble(hex[16 * index + 2 * byte]), low = nibble(hex[16 * index + 2 * byte + 1])
            invalid |= (high | low) & 0xF0
            word |= UInt64(high << 4 | low & 0x0F) << (8 * UInt64(byte))
        }
        return word
    }

    /// A digit's value, or 0xFF for anything but 0-9 and a-f.
    @inline(__always)
    private static func nibble(_ digit: UInt8) -> UInt8 {
        let decimal = digit &- UInt8(ascii: "0")
        if decimal < 10 { return decimal }
        let letter = digit &- UInt8(ascii: "a")
        return letter < 6 ? letter + 10 : 0xFF
    }

    private func byte(_ index: Int) -> UInt8 {
        let word = switch index / 8 {
        case 0: words.0
        case 1: words.1
        case 2: words.2
        default: words.3
        }
        return UInt8(truncatingIfNeeded: word >> (8 * UInt64(index % 8)))
    }

    private static let digits = Array("0123456789abcdef".utf8)

    var hex: String {
        String(unsafeUninitializedCapacity: 64) { text in
            for index in 0..<32 {
                text[2 * index] = Self.digits[Int(byte(index) >> 4)]
                text[2 * index + 1] = Self.digits[Int(byte(index) & 0xF)]
            }
            return 64
        }
    }

    /// Whether the hash's text starts with `prefix` (lower-case hex digits).
    func hasHexPrefix(_ prefix: [UInt8]) -> Bool {
        guard prefix.count <= 64 else { return false }
        for (index, digit) in prefix.enumerated() {
            let byte = byte(index / 2)
            guard Self.digits[Int(index % 2 == 0 ? byte >> 4 : byte & 0xF)] == digit else { return false }
        }
        return true
    }
}
