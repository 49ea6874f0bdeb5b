import Foundation
import Testing
@testable import IncidentCore

/// The journal's own JSON parser against Foundation's `JSONSerialization`, on documents made by a
/// seeded generator: both must accept and reject the same documents and read the same strings
/// and numbers. Where the journal's parser differs on purpose, the rule is written out below and
/// checked on its own cases:
///
/// - Nesting deeper than 64 levels is refused (Foundation allows 512): a journal line is flat,
///   and a deep one is an attack on the reader's stack.
/// - A lone surrogate escape (`\uD800` without its pair, or `\uDC00` alone) is read as U+FFFD
///   instead of failing the whole line, which Foundation does: one bad escape from another tool
///   must not cost the event.
/// - Duplicate keys are all handed over, in order; the decoder keeps the last, the value
///   Foundation keeps.
/// - A trailing comma (`[1,]`, `{"a":1,}`) is refused, as RFC 8259 says; Foundation on Linux
///   accepts it.
/// - Numbers are read as Swift's correctly rounded `Double(String)`. Foundation keeps a long
///   number as a Decimal, whose conversion to Double can be a few units off in the last place;
///   against those the comparison allows a relative 1e-15, and its own test checks ours exactly.
/// - A number beyond a Double's range is refused: it would read as infinity, which no JSON
///   writer can write back. Foundation refuses 1e400 but reads some others (3014e+315) as a
///   Decimal.
@Suite("JSON parser against Foundation's JSONSerialization")
struct JSONParserDifferentialTests {
    @Test("thousands of generated documents, valid and broken: same verdict, same strings and numbers")
    func generatedCorpusAgrees() {
        var generator = JSONCorpusGenerator(seed: 0x5172_E9)
        var accepted = 0
        var rejected = 0
        for _ in 0..<3_000 {
            let valid = generator.document()
            for text in [valid, generator.broken(valid)] {
                switch compare(text) {
                case .bothAccepted: accepted += 1
                case .bothRejected: rejected += 1
                case .disagree(let reason): Issue.record("\(reason): \(text.debugDescription)")
                }
            }
        }
        // The corpus must exercise both sides, or agreement means nothing.
        #expect(accepted > 3_000 && rejected > 1_000, "accepted \(accepted), rejected \(rejected)")
    }

    @Test("hand-picked edges of numbers, escapes and structure agree", arguments: [
        "0", "-0", "0.0", "-0.0", "1e0", "1E+2", "1e-2", "0.1", "0.30000000000000004", "123456789012345678",
        "1234567890123456789", "12345678901234567890123", "9007199254740993", "1.7976931348623157e308",
        "5e-324", "2.2250738585072014e-308", "1e-400", "0e10", "-1.5e-3",
        #""\u0041\u00e9\u4e2d\uD83D\uDE00""#, #""\"\\\/\b\f\n\r\t""#, #""\u0000""#, "\"\u{7F}\u{80}\"",
        "01", "1.", ".5", "1e", "1e+", "+1", "-", "--1", "0x10", "NaN", "Infinity", "1 2", "[1,]", "{\"a\":1,}",
        "tru", "nul", "'a'", #""\x""#, #""\u12G4""#, #""\u123""#, "\"a\u{01}b\"", "[", "{\"a\"}", "{1:2}",
    ])
    func edges(value: String) {
        if case .disagree(let reason) = compare(#"{"v":"# + value + "}") { Issue.record("\(reason)") }
    }

    @Test("a number too large for a Double is refused, not read as infinity", arguments: ["1e400", "-1e309", "1" + String(repeating: "0", count: 400), "3014e+315"])
    func overflowingNumbers(value: String) {
        let failure = catching { () throws(JSONParser.Failure) in _ = try ours(#"{"v":"# + value + "}") }
        #expect(failure?.message == "number too large")
        #expect(failure?.offset == 5, "points at the number")
    }

    @Test("numbers are read exactly as Swift's correctly rounded Double(String), and overflow is refused")
    func numbersAreCorrectlyRounded() {
        var generator = JSONCorpusGenerator(seed: 0xD0_0B1E)
        for _ in 0..<5_000 {
            let number = generator.number()
            let expected = Double(number)!
            let read = catchingValue(#"{"v":"# + number + "}")
            if expected.isFinite {
                #expect(read == .number(expected), "\(number)")
            } else {
                #expect(read == nil, "\(number) is out of range")
            }
        }
    }

    @Test("found by the corpus: an 18-digit number was rounded twice and came out one unit off", arguments: [
        "14.1779069246364773", "0.30000000000000004", "9007199254740993", "123456789012345678", "-1.23456789012345678",
    ])
    func longMantissasRoundOnce(number: String) {
        #expect(catchingValue(#"{"v":"# + number + "}") == .number(Double(number)!))
    }

    @Test("trailing commas are refused by rule, though Foundation accepts them", arguments: ["[1,]", #"{"a":1,}"#, "[1 , ]", "{\"a\":[],\n}"])
    func trailingCommas(value: String) {
        let text = #"{"v":"# + value + "}"
        #expect(foundation(text) != nil)
        #expect(catchingValue(text) == nil)
    }

    @Test("nesting: up to 64 levels agrees with Foundation; deeper is refused by rule")
    func nestingDepth() {
        for depth in [1, 10, 63] {
            let text = #"{"v":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
            if case .disagree(let reason) = compare(text) { Issue.record("depth \(depth): \(reason)") }
        }
        for depth in [64, 65, 200, 511] {
            let text = #"{"v":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
            #expect(foundation(text) != nil, "Foundation reads depth \(depth)")
            let failure = catching { () throws(JSONParser.Failure) in _ = try ours(text) }
            #expect(failure?.message.contains("nested deeper than 64") == true, "ours: \(String(describing: failure))")
        }
    }

    @Test("a lone surrogate is read as U+FFFD where Foundation refuses the document", arguments: [
        (#""\uD800""#, "\u{FFFD}"), (#""\uDC00""#, "\u{FFFD}"), (#""a\uD83Db""#, "a\u{FFFD}b"),
        (#""\uD83D\u0041""#, "\u{FFFD}A"), (#""\uDE00\uD83D""#, "\u{FFFD}\u{FFFD}"), (#""\uD83D\uD83D\uDE00""#, "\u{FFFD}😀"),
    ])
    func loneSurrogates(escaped: String, expected: String) throws {
        let text = #"{"v":"# + escaped + "}"
        #expect(foundation(text) == nil)
        let members = try ours(text)
        #expect(members.first?.value.stringValue.map { Array($0.unicodeScalars) } == Array(expected.unicodeScalars))
    }

    @Test("duplicate keys: every pair is handed over in order, and the last is Foundation's value")
    func duplicateKeys() throws {
        let text = #"{"a":1,"b":{"k":"first","k":"second"},"a":2}"#
        let members = try ours(text)
        #expect(members.map(\.key) == ["a", "b", "a"])
        #expect(members.last?.value == .number(2))
        #expect(members[1].value == .object([(key: "k", value: .string("first")), (key: "k", value: .string("second"))]))
        let reference = try #require(foundation(text) as? [String: Any])
        #expect((reference["a"] as? NSNumber)?.doubleValue == 2)
        #expect((reference["b"] as? [String: Any])?["k"] as? String == "second")
    }
}

// MARK: - Comparing the two parsers

private enum Verdict {
    case bothAccepted, bothRejected
    case disagree(String)
}

private func ours(_ text: String) throws(JSONParser.Failure) -> [(key: String, value: JSONValue)] {
    var members: [(key: String, value: JSONValue)] = []
    let failure: JSONParser.Failure? = Array(text.utf8).withUnsafeBytes { buffer in
        do throws(JSONParser.Failure) {
            try JSONParser.parseObject(buffer) { key, value in
                switch value {
                case .unescapedString(let raw): members.append((String(decoding: key, as: UTF8.self), .string(String(decoding: raw, as: UTF8.self))))
                case .value(let other): members.append((String(decoding: key, as: UTF8.self), other))
                }
            }
            return nil
        } catch {
            return error
        }
    }
    if let failure { throw failure }
    return members
}

/// The value of the member `v`, or nil when the parser refuses the line.
private func catchingValue(_ text: String) -> JSONValue? {
    do { return try ours(text).first?.value } catch { return nil }
}

private func catching(_ body: () throws(JSONParser.Failure) -> Void) -> JSONParser.Failure? {
    do { try body() } catch { return error }
    return nil
}

private func foundation(_ text: String) -> Any? {
    try? JSONSerialization.jsonObject(with: Data(text.utf8))
}

private func compare(_ text: String) -> Verdict {
    let reference = foundation(text)
    let mine: [(key: String, value: JSONValue)]
    do {
        mine = try ours(text)
    } catch {
        guard let reference else { return .bothRejected }
        if error.message.contains("nested deeper") { return .bothRejected }  // the depth rule; not generated here
        if isTrailingComma(text, at: error.offset) { return .bothRejected }  // the trailing-comma rule
        if error.message == "number too large" { return .bothRejected }  // the range rule
        return .disagree("only Foundation accepts (\(reference)); ours: \(error.message) at \(error.offset)")
    }
    guard let reference else {
        if text.lowercased().contains("\\ud"), mine.contains(where: { $0.value.containsReplacementCharacter }) {
            return .bothAccepted  // the lone-surrogate rule, checked exactly in its own test
        }
        return .disagree("only ours accepts: \(mine)")
    }
    if let difference = differs(.object(mine), reference) { return .disagree(difference) }
    return .bothAccepted
}

/// The parser stopped at a closing bracket right after a comma.
private func isTrailingComma(_ text: String, at offset: Int) -> Bool {
    let bytes = Array(text.utf8)
    guard offset < bytes.count, bytes[offset] == UInt8(ascii: "}") || bytes[offset] == UInt8(ascii: "]") else { return false }
    let before = bytes[..<offset].last { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
    return before == UInt8(ascii: ",")
}

/// Nil when `value` reads the same as Foundation's `reference`. Objects are compared the way a
/// reader sees them: of duplicate keys, the last.
private func differs(_ value: JSONValue, _ reference: Any, at path: String = "$") -> String? {
    switch value {
    case .null:
        return reference is NSNull ? nil : "\(path): null vs \(reference)"
    case .bool(let flag):
        return (reference as? Bool) == flag ? nil : "\(path): \(flag) vs \(reference)"
    case .number(let number):
        guard let other = reference as? NSNumber else { return "\(path): \(number) vs \(reference)" }
        let allowed = reference is NSDecimalNumber ? abs(number) * 1e-15 : 0
        return abs(other.doubleValue - number) <= allowed ? nil : "\(path): \(number) vs \(other.doubleValue) (\(reference))"
    case .string(let text):
        guard let other = reference as? String else { return "\(path): string vs \(reference)" }
        // Scalar by scalar: String's == would call a decomposed "é" equal to a composed one.
        return Array(text.unicodeScalars) == Array(other.unicodeScalars) ? nil : "\(path): \(text.debugDescription) vs \(other.debugDescription)"
    case .array(let items):
        guard let others = reference as? [Any], others.count == items.count else { return "\(path): array vs \(reference)" }
        return zip(items, others).enumerated().lazy.compactMap { differs($1.0, $1.1, at: "\(path)[\($0)]") }.first
    case .object(let pairs):
        guard let others = reference as? [String: Any] else { return "\(path): object vs \(reference)" }
        var last: [String: JSONValue] = [:]
        for pair in pairs { last[pair.key] = pair.value }
        guard Set(last.keys) == Set(others.keys) else { return "\(path): keys \(last.keys.sorted()) vs \(others.keys.sorted())" }
        return last.keys.sorted().lazy.compactMap { differs(last[$0]!, others[$0]!, at: "\(path).\($0)") }.first
    }
}

private extension JSONValue {
    var containsReplacementCharacter: Bool {
        switch self {
        case .string(let text): text.unicodeScalars.contains("\u{FFFD}")
        case .array(let items): items.contains { $0.containsReplacementCharacter }
        case .object(let pairs): pairs.contains { $0.key.unicodeScalars.contains("\u{FFFD}") || $0.value.containsReplacementCharacter }
        case .null, .bool, .number: false
        }
    }
}
