import ArgumentParser
import IncidentCore
import JournalPostgres
import SitrepRecording

struct JournalOption: ParsableArguments {
    @Option(name: [.customShort("j"), .long],
            help: ArgumentHelp("The incident's journal: a file, or postgresql://USER@HOST:PORT/DATABASE#INCIDENT (default: $SITREP_JOURNAL, else ./incident.jsonl).",
                               valueName: "file|url"))
    var journal: String?

    var named: NamedJournal { NamedJournal(flag: journal) }

    /// As given: a path, or an address.
    var given: String { named.given }

    func location() throws -> JournalLocation { try named.location() }

    /// For messages: the path, or the address without any password.
    var name: String { named.name }

    /// The journal to write to (see NamedJournal.store).
    func store() throws -> any JournalStore { try named.store() }

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
