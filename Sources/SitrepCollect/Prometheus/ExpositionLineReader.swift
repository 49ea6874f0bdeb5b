import IncidentCore

/// What one line needs to know about the lines before it.
struct DocumentState {
    var format = ExpositionFormat.prometheusText
    var sawContent = false
    var sawEOF = false
}

enum Comment {
    case ignored
    case endOfFile
}

/// Reads one line in place. Strings are built only for what a sample keeps: its name, label
/// names and values; quotes for error messages are built only when a line is refused.
struct LineReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let number: Int
    private var index = 0

    init(_ line: UnsafeBufferPointer<UInt8>, number: Int) {
        let withoutCR = line.last == .carriageReturn ? UnsafeBufferPointer(rebasing: line.dropLast()) : line
        self.bytes = withoutCR
        self.number = number
    }

    /// The line's sample, or nil for a blank line or a comment.
    mutating func read(in state: inout DocumentState) throws(ExpositionError) -> PrometheusSample? {
        skipBlanks()
        guard let first = peek() else { return nil }
        guard !state.sawEOF else { throw failure("unexpected text after \"# EOF\": \(quote(index..<bytes.count))") }
        defer { state.sawContent = true }
        if first == .hash {
            if try comment() == .endOfFile { state.sawEOF = true }
            return nil
        }
        guard PrometheusSyntax.isMetricNameStart(first) else { throw notASampleLine(first: !state.sawContent) }
        return try sample(format: state.format)
    }

    // MARK: Samples

    private mutating func sample(format: ExpositionFormat) throws(ExpositionError) -> PrometheusSample {
        let start = index
        let name = try metricName()
        var series = start..<index
        skipBlanks()
        var labels: [String: String] = [:]
        if peek() == .openBrace {
            labels = try labelSet()
            series = start..<index
        }
        let value = try sampleValue(of: series)
        switch format {
        case .prometheusText: try skipTimestamp()
        case .openMetrics: try skipOpenMetricsTail()
        }
        return PrometheusSample(name: name, labels: labels, value: value)
    }

    private mutating func metricName() throws(ExpositionError) -> String {
        let start = index
        while let byte = peek(), PrometheusSyntax.isMetricNameCharacter(byte) { index += 1 }
        if let byte = peek(), !isBlank(byte), byte != .openBrace {
            let token = start..<endOfToken(from: start, stoppingAt: .openBrace)
            let invalid = PrometheusSyntax.firstCharacter(of: text(index..<token.upperBound))
            throw failure("invalid character \(SafeText.quoted(invalid)) in metric name \(quote(token))")
        }
        return text(start..<index)
    }

    private mutating func labelSet() throws(ExpositionError) -> [String: String] {
        index += 1  // {
        var labels: [String: String] = [:]
        while true {
            skipBlanks()
            switch peek() {
            case nil: throw unclosedLabelSet()
            case .some(.closeBrace): index += 1; return labels
            default: break
            }
            let name = try labelName()
            try expectEquals(after: name)
            let value = try labelValue(of: name)
            guard labels.updateValue(value, forKey: name) == nil else {
                throw failure("duplicate label \(SafeText.quoted(name))")
            }
            skipBlanks()
            switch peek() {
            case .some(.comma): index += 1
            case .some(.closeBrace): index += 1; return labels
            case nil: throw unclosedLabelSet()
            default:
                throw failure("expected \",\" or \"}\" after the value of label \(SafeText.quoted(name)), "
                    + "found \(quote(index..<bytes.count))")
            }
        }
    }

    private mutating func labelName() throws(ExpositionError) -> String {
        let start = index
        guard let first = peek(), PrometheusSyntax.isLabelNameStart(first) else {
            throw failure("expected a label name or \"}\", found \(quote(index..<bytes.count))")
        }
        index += 1
        while let byte = peek(), PrometheusSyntax.isLabelNameCharacter(byte) { index += 1 }
        let name = text(start..<index)
        guard name != "__name__" else { throw failure("label name \"__name__\" is reserved") }
        return name
    }

    private mutating func expectEquals(after name: String) throws(ExpositionError) {
        skipBlanks()
        guard peek() == .equals else {
            throw failure("expected \"=\" after label name \(SafeText.quoted(name)), found \(quote(index..<bytes.count))")
        }
        index += 1
        skipBlanks()
    }

    /// A double-quoted label value. Without backslashes the value is read straight from the
    /// line; only an escaped value is copied byte by byte.
    private mutating func labelValue(of name: String) throws(ExpositionError) -> String {
        guard peek() == .doubleQuote else {
            throw failure("the value of label \(SafeText.quoted(name)) must be in double quotes, "
                + "found \(quote(index..<bytes.count))")
        }
        index += 1
        let start = index
        var unescaped: [UInt8]?
        while let byte = peek() {
            switch byte {
            case .doubleQuote:
                index += 1
                return unescaped.map { String(decoding: $0, as: UTF8.self) } ?? text(start..<index - 1)
            case .backslash:
                if unescaped == nil { unescaped = Array(bytes[start..<index]) }
                unescaped?.append(try escapedByte(inValueOf: name))
            default:
                unescaped?.append(byte)
                index += 1
            }
        }
        throw failure("the value of label \(SafeText.quoted(name)) has no closing double quote")
    }

    private mutating func escapedByte(inValueOf name: String) throws(ExpositionError) -> UInt8 {
        guard index + 1 < bytes.count else {
            throw failure("the value of label \(SafeText.quoted(name)) has no closing double quote")
        }
        let escaped: UInt8
        switch bytes[index + 1] {
        case .backslash: escaped = .backslash
        case .doubleQuote: escaped = .doubleQuote
        case UInt8(ascii: "n"): escaped = .newline
        default:
            throw failure("invalid escape \(quote(index..<index + 2)) in the value of label \(SafeText.quoted(name)); "
                + "only \\\\, \\\" and \\n are allowed")
        }
        index += 2
        return escaped
    }

    private mutating func sampleValue(of series: Range<Int>) throws(ExpositionError) -> Double {
        skipBlanks()
        let token = index..<endOfToken(from: index)
        guard !token.isEmpty else { throw failure("missing value after \(quote(series))") }
        index = token.upperBound
        guard let value = PrometheusSyntax.goFloat(bytes[token]) else {
            throw failure("the value \(quote(token)) of \(quote(series)) is not a number")
        }
        return value
    }

    /// The optional timestamp, in milliseconds, must be an integer; nothing may follow it.
    private mutating func skipTimestamp() throws(ExpositionError) {
        skipBlanks()
        let token = index..<endOfToken(from: index)
        guard !token.isEmpty else { return }
        guard PrometheusSyntax.isInteger(bytes[token]) else {
            throw failure("the timestamp \(quote(token)) is not an integer number of milliseconds")
        }
        index = token.upperBound
        skipBlanks()
        guard index == bytes.count else {
            throw failure("unexpected text after the timestamp: \(quote(index..<bytes.count))")
        }
    }

    /// OpenMetrics: an optional timestamp in seconds (fractions allowed), then an optional
    /// exemplar, ` # {trace_id="abc"} 0.67 1520879607.789`, whose labels and value are checked
    /// and dropped: a pool's figure is the sample's value, never an exemplar's.
    private mutating func skipOpenMetricsTail() throws(ExpositionError) {
        skipBlanks()
        let token = index..<endOfToken(from: index)
        if !token.isEmpty, bytes[token.lowerBound] != .hash {
            guard PrometheusSyntax.goFloat(bytes[token]).map(\.isFinite) == true else {
                throw failure("the timestamp \(quote(token)) is not a number of seconds")
            }
            index = token.upperBound
            skipBlanks()
        }
        guard index < bytes.count else { return }
        guard peek() == .hash else { throw failure("unexpected text after the value: \(quote(index..<bytes.count))") }
        index += 1
        skipBlanks()
        guard peek() == .openBrace else { throw failure("an exemplar must start with \"# {\": \(quote(index..<bytes.count))") }
        _ = try labelSet()
        let exemplar = index..<bytes.count
        _ = try sampleValue(of: exemplar)
        skipBlanks()
        let time = index..<endOfToken(from: index)
        if !time.isEmpty {
            guard PrometheusSyntax.goFloat(bytes[time]) != nil else {
                throw failure("the exemplar's timestamp \(quote(time)) is not a number of seconds")
            }
            index = time.upperBound
            skipBlanks()
        }
        guard index == bytes.count else { throw failure("unexpected text after the exemplar: \(quote(index..<bytes.count))") }
    }

    // MARK: Comments

    /// `# HELP name text`, `# TYPE name type`, `# EOF`, or any other comment.
    private mutating func comment() throws(ExpositionError) -> Comment {
        index += 1  // #
        skipBlanks()
        let keyword = index..<endOfToken(from: index)
        index = keyword.upperBound
        skipBlanks()
        switch text(keyword) {
        case "HELP" where index < bytes.count:
            _ = try commentMetricName(in: "HELP")
        case "TYPE" where index < bytes.count:
            let name = try commentMetricName(in: "TYPE")
            try metricType(of: name)
        case "EOF" where index == bytes.count:
            return .endOfFile
        default:
            break
        }
        return .ignored
    }

    private mutating func commentMetricName(in keyword: String) throws(ExpositionError) -> String {
        let token = index..<endOfToken(from: index)
        guard PrometheusSyntax.isMetricName(bytes[token]) else {
            throw failure("invalid metric name \(quote(token)) in # \(keyword)")
        }
        index = token.upperBound
        skipBlanks()
        return text(token)
    }

    private mutating func metricType(of name: String) throws(ExpositionError) {
        let token = index..<endOfToken(from: index)
        guard !token.isEmpty else { throw failure("# TYPE for \(SafeText.quoted(name)) gives no type") }
        guard PrometheusSyntax.metricTypes.contains(text(token).lowercased()) else {
            throw failure("unknown metric type \(quote(token)) for \(SafeText.quoted(name))")
        }
        index = token.upperBound
        skipBlanks()
        guard index == bytes.count else {
            throw failure("unexpected text after the type of \(SafeText.quoted(name)): \(quote(index..<bytes.count))")
        }
    }

    // MARK: Failures

    private func notASampleLine(first: Bool) -> ExpositionError {
        let rest = quote(index..<bytes.count)
        guard first else { return failure("expected a metric name or \"#\" at the start of the line, found \(rest)") }
        if peek() == .lessThan {
            return failure("found \(rest), which looks like HTML, not Prometheus text exposition")
        }
        return failure("found \(rest), which is not Prometheus text exposition (lines start with a metric name or \"#\")")
    }

    private func unclosedLabelSet() -> ExpositionError {
        failure("the labels of \(quote(0..<bytes.count)) have no closing \"}\"")
    }

    private func failure(_ problem: String) -> ExpositionError {
        ExpositionError(line: number, problem: problem)
    }

    // MARK: Bytes

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private func isBlank(_ byte: UInt8) -> Bool { byte == .space || byte == .tab }

    private mutating func skipBlanks() {
        while let byte = peek(), isBlank(byte) { index += 1 }
    }

    /// Where a token starting at `start` ends: at a blank, the line's end, or `stop`.
    private func endOfToken(from start: Int, stoppingAt stop: UInt8? = nil) -> Int {
        var end = start
        while end < bytes.count && !isBlank(bytes[end]) && bytes[end] != stop { end += 1 }
        return end
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private func quote(_ range: Range<Int>) -> String { SafeText.quoted(text(range)) }
}
