import ArgumentParser
import IncidentCore

#if canImport(Glibc)
import Glibc
#endif

/// The options every writing command shares: which journal, who is writing, and when it happened.
struct RecordingOptions: ParsableArguments {
    @OptionGroup var journal: JournalOption

    @Option(help: ArgumentHelp("Who records this (default: $SITREP_ACTOR, else your login name).", valueName: "name"))
    var actor: String?

    @Option(help: ArgumentHelp("When it happened, RFC 3339 (e.g. 2023-06-01T09:15:00Z); default now. The time of writing is kept as `logged`.",
                               valueName: "time"),
            transform: TimeArgument.parse)
    var at: Timestamp?

    func validate() throws {
        if let actor, actor.allSatisfy(\.isWhitespace) {
            throw ValidationError("--actor must not be empty")
        }
    }

    var resolvedActor: String { actor ?? Self.defaultActor }

    static var defaultActor: String {
        if let fromEnvironment = getenv("SITREP_ACTOR").map({ String(cString: $0) }), !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return LoginName.current
    }

    /// Writes the event and prints its id, the handle `sitrep amend` takes.
    func record(_ kind: EventKind, text: String? = nil, _ fill: (inout Event) -> Void = { _ in }) throws {
        try Recording(journal: journal.named, actor: resolvedActor, at: at).write(kind, text: text, fill)
    }
}

enum LoginName {
    static var current: String {
        if let login = getlogin() { return String(cString: login) }
        if let user = getenv("USER").map({ String(cString: $0) }), !user.isEmpty { return user }
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }
}
