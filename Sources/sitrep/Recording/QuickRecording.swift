import IncidentCore

/// `sitrep note restarted db-1 -j J --actor bob`, read without ArgumentParser. ArgumentParser
/// finds a command's options by reflection and casts, each cast a search of every protocol
/// conformance in the binary (NIO, PostgreSQL, Foundation: some 10,000), and that cost more than
/// the write. Only the plain form is read here: the words, and -j/--journal, --actor and --at
/// each at most once with a separate value. Anything else (help, `--`, `--actor=bob`, a word
/// starting with `-`, an empty text or actor, a time that does not parse) is left to
/// ArgumentParser, which gives its answers and messages as before.
struct QuickRecording {
    /// The commands that take only words and the recording options. A switch, not a dictionary,
    /// whose type the runtime would look up by name on first use.
    static func kind(of command: String) -> EventKind? {
        switch command {
        case "note": .note
        case "cause": .cause
        default: nil
        }
    }

    let kind: EventKind
    let text: String
    let journal: String?
    let actor: String?
    let at: Timestamp?

    /// Nil unless `arguments` (without the program's name) are the plain form of such a command.
    init?(arguments: [String]) {
        guard let command = arguments.first, let kind = Self.kind(of: command) else { return nil }
        var words: [String] = []
        var values: [String: String] = [:]
        var rest = arguments.dropFirst()
        while let argument = rest.popFirst() {
            if let option = Self.option(named: argument) {
                guard values[option] == nil, let value = rest.popFirst(), !value.isEmpty, !value.hasPrefix("-") else { return nil }
                values[option] = value
            } else if argument.isEmpty || argument.hasPrefix("-") || argument == "help" {
                return nil
            } else {
                words.append(argument)
            }
        }
        let text = words.joined(separator: " ")
        if text.allSatisfy(\.isWhitespace) { return nil }
        if let actor = values["actor"], actor.allSatisfy(\.isWhitespace) { return nil }
        var at: Timestamp?
        if let time = values["at"] {
            guard let parsed = RFC3339.parse(time) else { return nil }
            at = parsed
        }
        self.kind = kind
        self.text = text
        self.journal = values["journal"]
        self.actor = values["actor"]
        self.at = at
    }

    /// The option an argument names, as one key for its short and long spellings.
    private static func option(named argument: String) -> String? {
        switch argument {
        case "-j", "--journal": "journal"
        case "--actor": "actor"
        case "--at": "at"
        default: nil
        }
    }

    func run() throws {
        let recording = Recording(journal: NamedJournal(flag: journal), actor: actor ?? RecordingOptions.defaultActor, at: at)
        try recording.write(kind, text: text)
    }
}
