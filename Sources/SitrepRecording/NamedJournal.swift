import IncidentCore

#if canImport(Glibc)
import Glibc
#endif

/// The journal a command names: -j/--journal, else $SITREP_JOURNAL, else ./incident.jsonl.
/// Apart from ArgumentParser's JournalOption so that a command read without it (QuickRecording)
/// finds the same journal. Opening it is sitrep-full's (`NamedJournal.store()`), which can reach a
/// PostgreSQL store; the front program writes only to a file.
public struct NamedJournal: Sendable {
    /// As given: a path, or an address.
    public let given: String

    public init(flag: String?) {
        if let flag {
            given = flag
        } else if let fromEnvironment = getenv("SITREP_JOURNAL").map({ String(cString: $0) }), !fromEnvironment.isEmpty {
            given = fromEnvironment
        } else {
            given = "incident.jsonl"
        }
    }

    /// The journal file's path; nil when `given` is a store's address.
    public var filePath: String? { JournalAddress.isStore(given) ? nil : given }

    /// For messages: a file's path as it is printed, every control character escaped.
    public static func fileName(_ path: String) -> String { SafeText.escape(path) }
}
