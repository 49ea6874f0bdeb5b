import ArgumentParser
import IncidentCore
import SitrepRecording

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

    var resolvedActor: String { actor ?? DefaultActor.name }

    /// Writes the event and prints its id, the handle `sitrep amend` takes.
    func record(_ kind: EventKind, text: String? = nil, _ fill: (inout Event) -> Void = { _ in }) throws {
        let recording = Recording(journalName: journal.name, actor: resolvedActor, at: at)
        try recording.write(kind, text: text, into: journal.store(), fill)
    }
}
