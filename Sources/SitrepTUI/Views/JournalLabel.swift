#if canImport(Glibc)
import Glibc
#endif
import IncidentCore

/// The journal the header names, and whether it is there to be read: a file not created yet,
/// or a store across the network that cannot be reached, goes first and in the error colour.
public struct JournalLabel: Equatable, Sendable {
    public enum Condition: Equatable, Sendable {
        case present
        /// Present; its earlier samples are still being folded (`HistoryFold`), this share of them so far.
        case readingEarlierSamples(percent: Int)
        case noFileYet
        case unreachable(since: Timestamp)
    }

    public let path: String
    public let condition: Condition

    public var exists: Bool {
        switch condition {
        case .present, .readingEarlierSamples: true
        case .noFileYet, .unreachable: false
        }
    }

    public init(path: String, condition: Condition) {
        self.path = path
        self.condition = condition
    }

    public init(path: String, exists: Bool) {
        self.init(path: path, condition: exists ? .present : .noFileYet)
    }

    /// Looked at when the label is made (each frame), so the header changes once the file appears.
    public init(path: String) {
        self.init(path: path, exists: access(path, F_OK) == 0)
    }

    /// The file's name without its folders; a store's `DATABASE#INCIDENT`.
    public var fileName: String {
        path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
    }

    /// What the header says, with the name cut in the middle to at most `columns` (the start and
    /// the end of a file name tell files apart; the middle is usually a shared date or prefix).
    func text(nameColumns columns: Int) -> String {
        let name = Self.shortened(fileName, to: columns)
        switch condition {
        case .present: return "journal \(name)"
        case .readingEarlierSamples(let percent): return "journal \(name), reading earlier samples \(percent)%"
        case .noFileYet: return "waiting for \(name): no such file yet"
        case .unreachable(let since): return "\(name) UNREACHABLE since \(ScreenTime.clock(since)) UTC, retrying"
        }
    }

    static func shortened(_ name: String, to columns: Int) -> String {
        let characters = Array(name)
        guard characters.count > columns, columns >= 5 else { return name }
        let tail = (columns - 1) / 2
        return String(characters.prefix(columns - 1 - tail)) + "…" + String(characters.suffix(tail))
    }
}
