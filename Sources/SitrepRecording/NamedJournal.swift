import IncidentCore

#if canImport(Glibc)
import Glibc
#endif

/// The journal a command names: -j/--journal, else $SITREP_JOURNAL, else ./incident.jsonl.
/// Apart from JournalOption so that a command read without ArgumentParser (QuickRecording)
/// finds the same journal.
struct NamedJournal {
    /// As given: a path, or an address.
    let given: String

    init(flag: String?) {
        if let flag {
            given = flag
        } else if let fromEnvironment = getenv("SITREP_JOURNAL").map({ String(cString: $0) }), !fromEnvironment.isEmpty {
            given = fromEnvironment
        } else {
            given = "incident.jsonl"
        }
    }

    func location() throws -> JournalLocation { try JournalLocation.parsing(given) }

    /// For messages: the path, or the address without any password.
    var name: String { (try? location().name) ?? SafeText.escape(given) }

    /// The journal to write to: a file is created on the first append; a store is reached now,
    /// and its schema created on first use, so a store that cannot be reached is one line and a
    /// non-zero exit before anything is typed.
    func store() throws -> any JournalStore { try location().store() }
}
