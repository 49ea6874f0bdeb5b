import IncidentCore

/// Names and numbers shared by the exposition parser and the metric selector.
enum PrometheusSyntax {
    static let metricTypes: Set<String> = [
        "counter", "gauge", "histogram", "summary", "untyped",
        "gauge_histogram", "gaugehistogram", "stateset", "info", "unknown",  // OpenMetrics and protobuf names
    ]

    /// The first Unicode scalar of `text`, whole even where it takes several bytes.
    static func firstCharacter(of text: String) -> String {
        text.unicodeScalars.first.map { String(Character($0)) } ?? ""
    }

    static func isMetricNameStart(_ byte: UInt8) -> Bool { isLabelNameStart(byte) || byte == .colon }

    static func isMetricNameCharacter(_ byte: UInt8) -> Bool { isLabelNameCharacter(byte) || byte == .colon }

    static func isLabelNameStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    static func isLabelNameCharacter(_ byte: UInt8) -> Bool { isLabelNameStart(byte) || isDigit(byte) }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func isMetricName(_ bytes: some Collection<UInt8>) -> Bool {
        guard let first = bytes.first, isMetricNameStart(first) else { return false }
        return bytes.dropFirst().allSatisfy(isMetricNameCharacter)
    }

    /// An optionally signed decimal integer, as Go's strconv.ParseInt reads a timestamp.
    static func isInteger(_ bytes: some Collection<UInt8>) -> Bool {
        Int64(String(decoding: bytes, as: UTF8.self)) != nil
    }

    /// A sample value as Go's strconv.ParseFloat reads it in decimal: `12`, `-0.5`, `1.5e-3`,
    /// `NaN`, `+Inf`, `-Inf`, `Inf`, `infinity`, in any case for the words.
    static func goFloat(_ bytes: some Collection<UInt8>) -> Double? {
        guard bytes.allSatisfy(isDecimalFloatByte) else { return specialFloat(bytes) }
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    private static func specialFloat(_ bytes: some Collection<UInt8>) -> Double? {
        let word = bytes.count <= 9 ? String(decoding: bytes, as: UTF8.self).lowercased() : ""
        switch word {
        case "nan": return .nan
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: return nil
        }
    }

    private static func isDecimalFloatByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == .dot || byte == .plus || byte == .minus
            || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }
}

extension UInt8 {
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let hash = UInt8(ascii: "#")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let comma = UInt8(ascii: ",")
    static let equals = UInt8(ascii: "=")
    static let doubleQuote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let lessThan = UInt8(ascii: "<")
    static let colon = UInt8(ascii: ":")
    static let dot = UInt8(ascii: ".")
    static let plus = UInt8(ascii: "+")
    static let minus = UInt8(ascii: "-")
}
