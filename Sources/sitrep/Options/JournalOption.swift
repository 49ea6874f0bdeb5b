import ArgumentParser
import IncidentCore

#if canImport(Glibc)
import Glibc
#endif

struct JournalOption: ParsableArguments {
    @Option(name: [.customShort("j"), .long],
            help: ArgumentHelp("The incident's journal file (default: $SITREP_JOURNAL, else ./incident.jsonl).",
                               valueName: "file"))
    var journal: String?

    var path: String {
        if let journal { return journal }
        if let fromEnvironment = getenv("SITREP_JOURNAL").map({ String(cString: $0) }), !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "incident.jsonl"
    }

    var store: FileJournal { FileJournal(path: path) }

    /// Reading commands need a journal that exists; say so plainly rather than "cannot open".
    func existingStore() throws -> FileJournal {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw CommandFailure("no journal at \(path): pass -j FILE, set $SITREP_JOURNAL, or start one with `sitrep declare`")
        }
        return store
    }
}
