import ArgumentParser
import IncidentCore

enum TimeArgument {
    static func parse(_ text: String) throws -> Timestamp {
        guard let time = RFC3339.parse(text) else {
            throw ValidationError("\(SafeText.quoted(text)) is not an RFC 3339 time such as 2023-06-01T09:15:00Z")
        }
        return time
    }
}

enum SeverityArgument {
    static func parse(_ text: String) throws -> String {
        guard let severity = Severity.normalize(text) else {
            throw ValidationError("unknown severity \(SafeText.quoted(text)): use SEV0 (worst) to SEV4")
        }
        return severity
    }
}

extension IncidentStatus: ExpressibleByArgument {}
extension MitigationState: ExpressibleByArgument {}
extension AlertLevel: ExpressibleByArgument {}

/// Free text given as one or more words: `sitrep note restarted the primary` needs no quotes.
struct TextWords: ParsableArguments {
    @Argument(help: "The text to record.")
    var words: [String]

    var text: String { words.joined(separator: " ") }

    func validate() throws {
        if text.allSatisfy(\.isWhitespace) { throw ValidationError("the text is empty: nothing to record") }
    }
}
