import ArgumentParser
import IncidentCore
import JournalPostgres

#if canImport(Glibc)
import Glibc
#endif

struct JournalOption: ParsableArguments {
    @Option(name: [.customShort("j"), .long],
            help: ArgumentHelp("The incident's journal: a file, or postgresql://USER@HOST:PORT/DATABASE#INCIDENT (default: $SITREP_JOURNAL, else ./incident.jsonl).",
                               valueName: "file|url"))
    var journal: String?

    /// As given: a path, or an address.
    var given: String {
        if let journal { return journal }
        if let fromEnvironment = getenv("SITREP_JOURNAL").map({ String(cString: $0) }), !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "incident.jsonl"
    }

    func location() throws -> JournalLocation { try JournalLocation.parsing(given) }

    /// For messages: the path, or the address without any password.
    var name: String { (try? location().name) ?? SafeText.escape(given) }

    /// The journal to write to: a file is created on the first append; a store is reached now,
    /// and its schema created on first use, so a store that cannot be reached is one line and a
    /// non-zero exit before anything is typed.
    func store() throws -> any JournalStore { try location().store() }

    /// For long-running writers (collect, receive): a path they could never write, or a store
    /// they cannot reach, is refused at start instead of at the first event.
    func writableStore() throws -> any JournalStore {
        let store = try store()
        if let file = store as? FileJournal {
            try JournalLocation.failing { () throws(JournalError) in try file.checkWritable() }
        }
        return store
    }

    /// Reading commands need a journal that exists; say so plainly rather than "cannot open".
    func existingStore() throws -> any JournalStore {
        try location().existingStore(
            missingFile: "pass -j FILE, set $SITREP_JOURNAL, or start one with `sitrep declare`")
    }
}
