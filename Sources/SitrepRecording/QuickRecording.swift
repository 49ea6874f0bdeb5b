import IncidentCore

/// `sitrep note restarted db-1 -j J --actor bob`, read without ArgumentParser: by `sitrep`, which
/// does not link it, and by sitrep-full first too, since ArgumentParser finds a command's options
/// by reflection and casts, each a search of every protocol conformance in the binary (NIO,
/// PostgreSQL, Foundation: some 10,000), which cost more than the write. Only the plain form is
/// read here: the words, and -j/--journal, --actor and --at each at most once with a separate
/// value. Anything else (help, `--`, `--actor=bob`, a word starting with `-`, an empty text or
/// actor, a time that does not parse) is left to sitrep-full's ArgumentParser, which gives its
/// answers and messages as before.
public struct QuickRecording {
    /// The commands that take only words and the recording options. A switch, not a dictionary,
    /// whose type the runtime would look up by name on first use.
    static func kind(of command: String) -> EventKind? {
        switch command {
        case "note": .note
        case "cause": .cause
        default: nil
        }
    }

    public let kind: EventKind
    public let text: String
    public let journal: NamedJournal
    public let actor: String?
    public let at: Timestamp?

    /// Nil unless the program's arguments (`argv`, the program's name first) are the plain form
    /// of such a command. Read from argv itself, into plain strings: `CommandLine.arguments`, an
    /// array of the words and a dictionary of the options each had the runtime look a generic
    /// type up by name (a search of the conformances again), together a tenth of a note's time.
    public init?(argc: Int32, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) {
        var reader = ArgumentReader(argc: argc, argv: argv)
        guard let command = reader.next(), let kind = Self.kind(of: command) else { return nil }
        var text = ""
        var journal: String?, actor: String?, time: String?
        while let argument = reader.next() {
            if let option = RecordingOption(argument) {
                guard let value = reader.next(), !value.isEmpty, !value.hasPrefix("-") else { return nil }
                switch option {
                case .journal where journal == nil: journal = value
                case .actor where actor == nil: actor = value
                case .at where time == nil: time = value
                default: return nil  // given twice
                }
            } else if argument.isEmpty || argument.hasPrefix("-") || argument == "help" {
                return nil
            } else {
                text += text.isEmpty ? argument : " " + argument
            }
        }
        if text.allSatisfy(\.isWhitespace) { return nil }
        if let actor, actor.allSatisfy(\.isWhitespace) { return nil }
        var at: Timestamp?
        if let time {
            guard let parsed = RFC3339.parse(time) else { return nil }
            at = parsed
        }
        self.kind = kind
        self.text = text
        self.journal = NamedJournal(flag: journal)
        self.actor = actor
        self.at = at
    }

    /// Writes the entry into `store`, the journal named `journalName` in the message.
    public func record(into store: @autoclosure () throws -> any JournalStore, named journalName: String) throws {
        let recording = Recording(journalName: journalName, actor: actor ?? DefaultActor.name, at: at)
        try recording.write(kind, text: text, into: store())
    }
}

/// The options the plain form reads, by their short and long spellings.
private enum RecordingOption {
    case journal, actor, at

    init?(_ argument: String) {
        switch argument {
        case "-j", "--journal": self = .journal
        case "--actor": self = .actor
        case "--at": self = .at
        default: return nil
        }
    }
}

/// The program's arguments one at a time, after its name.
private struct ArgumentReader {
    let argc: Int32
    let argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    var index: Int32 = 1

    init(argc: Int32, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) {
        self.argc = argc
        self.argv = argv
    }

    mutating func next() -> String? {
        guard index < argc, let argument = argv[Int(index)] else { return nil }
        index += 1
        return String(cString: argument)
    }
}
