import IncidentCore
import SitrepRecording

extension NamedJournal {
    func location() throws -> JournalLocation { try JournalLocation.parsing(given) }

    /// For messages: the path, or the address without any password.
    var name: String { (try? location().name) ?? SafeText.escape(given) }

    /// The journal to write to: a file is created on the first append; a store is reached now,
    /// and its schema created on first use, so a store that cannot be reached is one line and a
    /// non-zero exit before anything is typed.
    func store() throws -> any JournalStore { try location().store() }
}
