#if canImport(Glibc)
import Glibc
#endif

/// The journal a dashboard follows, as the header names it: a mistyped `$SITREP_JOURNAL` must
/// show as a file that is not there, not as a quiet empty incident.
public struct JournalLabel: Equatable, Sendable {
    public let path: String
    /// Looked at when the label is made (each frame), so the header changes once the file appears.
    public let exists: Bool

    public init(path: String, exists: Bool) {
        self.path = path
        self.exists = exists
    }

    public init(path: String) {
        self.init(path: path, exists: access(path, F_OK) == 0)
    }

    /// The file's name without its folders.
    public var fileName: String {
        path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
    }

    /// What the header says, with the name cut in the middle to at most `columns` (the start and
    /// the end of a file name tell files apart; the middle is usually a shared date or prefix).
    func text(nameColumns columns: Int) -> String {
        let name = Self.shortened(fileName, to: columns)
        return exists ? "journal \(name)" : "waiting for \(name): no such file yet"
    }

    static func shortened(_ name: String, to columns: Int) -> String {
        let characters = Array(name)
        guard characters.count > columns, columns >= 5 else { return name }
        let tail = (columns - 1) / 2
        return String(characters.prefix(columns - 1 - tail)) + "…" + String(characters.suffix(tail))
    }
}
