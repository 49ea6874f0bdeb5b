import IncidentCore

/// Reads a selector over its UTF-8 bytes; columns in errors count characters from 1.
struct SelectorParser {
    private let bytes: [UInt8]
    private var index = 0

    init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    mutating func selector() throws(SelectorError) -> (name: String?, matchers: [LabelMatcher]) {
        skipSpaces()
        guard index < bytes.count else {
            throw failure("the selector is empty; expected a metric name such as hikaricp_connections_active")
        }
        let name = try metricName()
        skipSpaces()
        var matchers: [LabelMatcher] = []
        if peek() == UInt8(ascii: "{") { matchers = try matcherList() }
        skipSpaces()
        guard index == bytes.count else {
            throw failure("unexpected \(rest()) after the selector; only a metric name and {label matchers} are allowed")
        }
        guard name != nil || matchers.contains(where: { !matchesEmpty($0) }) else {
            throw SelectorError(column: 1, problem: "a selector needs a metric name or a matcher that does not match the empty string")
        }
        return (name, matchers)
    }

    private mutating func metricName() throws(SelectorError) -> String? {
        guard let first = peek(), PrometheusSyntax.isMetricNameStart(first) else {
            guard peek() == UInt8(ascii: "{") else { throw failure("expected a metric name or \"{\", found \(rest())") }
            return nil
        }
        let start = index
        while let byte = peek(), PrometheusSyntax.isMetricNameCharacter(byte) { index += 1 }
        if let byte = peek(), byte != UInt8(ascii: "{"), byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t") {
            let invalid = SafeText.quoted(PrometheusSyntax.firstCharacter(of: string(index..<bytes.count)))
            throw failure("invalid character \(invalid) in metric name \(quote(start..<index))")
        }
        return string(start..<index)
    }

    private mutating func matcherList() throws(SelectorError) -> [LabelMatcher] {
        index += 1  // {
        var matchers: [LabelMatcher] = []
        while true {
            skipSpaces()
            if peek() == UInt8(ascii: "}") { index += 1; return matchers }
            matchers.append(try matcher())
            skipSpaces()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return matchers
            case nil: throw failure("missing \"}\" at the end of the selector")
            default: throw failure("expected \",\" or \"}\" after a matcher, found \(rest())")
            }
        }
    }

    private mutating func matcher() throws(SelectorError) -> LabelMatcher {
        let label = try labelName()
        skipSpaces()
        let operation = try matchOperation(after: label)
        skipSpaces()
        let valueStart = index
        let value = try quotedString(for: label)
        if operation == .matchesRegex || operation == .doesNotMatchRegex {
            do { _ = try LabelMatcher.compile(value) } catch {
                throw SelectorError(column: column(of: valueStart),
                                    problem: "invalid regular expression \(SafeText.quoted(value)) for label \(label): "
                                        + SafeText.escape(String(describing: error)))
            }
        }
        return LabelMatcher(label: label, operation: operation, value: value)
    }

    private mutating func labelName() throws(SelectorError) -> String {
        guard let first = peek(), PrometheusSyntax.isLabelNameStart(first) else {
            if peek() == nil { throw failure("missing \"}\" at the end of the selector") }
            throw failure("expected a label name or \"}\", found \(rest())")
        }
        let start = index
        while let byte = peek(), PrometheusSyntax.isLabelNameCharacter(byte) { index += 1 }
        return string(start..<index)
    }

    private mutating func matchOperation(after label: String) throws(SelectorError) -> LabelMatcher.Operation {
        // Longest first, so "=~" is not read as "=" followed by "~".
        for operation in [LabelMatcher.Operation.matchesRegex, .doesNotMatchRegex, .notEqual, .equal] {
            let symbol = Array(operation.rawValue.utf8)
            if bytes[index...].starts(with: symbol) {
                index += symbol.count
                return operation
            }
        }
        throw failure("expected =, !=, =~ or !~ after label \(label), found \(rest())")
    }

    /// A value in double or single quotes with `\\`, `\"`, `\'`, `\n`, `\r`, `\t` escapes, or
    /// in backquotes taken as written (handy for regular expressions).
    private mutating func quotedString(for label: String) throws(SelectorError) -> String {
        guard let quote = peek(), [UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`")].contains(quote) else {
            throw failure("expected a quoted value for label \(label), found \(rest())")
        }
        let open = index
        index += 1
        var value: [UInt8] = []
        while let byte = peek() {
            index += 1
            if byte == quote { return String(decoding: value, as: UTF8.self) }
            if byte == UInt8(ascii: "\\") && quote != UInt8(ascii: "`") {
                value.append(try escapedByte())
            } else {
                value.append(byte)
            }
        }
        throw SelectorError(column: column(of: open), problem: "the value for label \(label) has no closing quote")
    }

    private mutating func escapedByte() throws(SelectorError) -> UInt8 {
        let byte: UInt8
        switch peek() {
        case UInt8(ascii: "\\"): byte = UInt8(ascii: "\\")
        case UInt8(ascii: "\""): byte = UInt8(ascii: "\"")
        case UInt8(ascii: "'"): byte = UInt8(ascii: "'")
        case UInt8(ascii: "n"): byte = UInt8(ascii: "\n")
        case UInt8(ascii: "r"): byte = UInt8(ascii: "\r")
        case UInt8(ascii: "t"): byte = UInt8(ascii: "\t")
        default:
            index -= 1
            throw failure("invalid escape \(quote(index..<min(index + 2, bytes.count))); write \\\\ for a backslash, "
                + "or put a regular expression in backquotes")
        }
        index += 1
        return byte
    }

    private func matchesEmpty(_ matcher: LabelMatcher) -> Bool {
        switch matcher.operation {
        case .equal: return matcher.value.isEmpty
        case .notEqual: return !matcher.value.isEmpty
        case .matchesRegex, .doesNotMatchRegex:
            let regex = try? LabelMatcher.compile(matcher.value)
            let emptyMatches = regex.map { (try? $0.wholeMatch(in: "")) != nil } ?? false
            return emptyMatches == (matcher.operation == .matchesRegex)
        }
    }

    // MARK: Bytes and errors

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipSpaces() {
        while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
    }

    private func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    private func quote(_ range: Range<Int>) -> String {
        SafeText.quoted(string(range.clamped(to: 0..<bytes.count)))
    }

    private func rest() -> String { index < bytes.count ? quote(index..<bytes.count) : "the end of the selector" }

    /// The 1-based character column of a byte offset.
    private func column(of offset: Int) -> Int { string(0..<offset).count + 1 }

    private func failure(_ problem: String) -> SelectorError {
        SelectorError(column: column(of: index), problem: problem)
    }
}
