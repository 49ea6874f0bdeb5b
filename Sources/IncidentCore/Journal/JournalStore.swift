/// Where an incident's journal lives. The file is the first store; a shared database can take its
/// place later without the fold, the views or the commands knowing.
public protocol JournalStore: Sendable {
    /// A name for messages: the file's path, or a database's address.
    var location: String { get }

    /// Appends one event, chained to the journal's last line, durable when this returns.
    /// Fills in `id` and `logged` when the event has none; always sets `prev`.
    @discardableResult
    func append(_ event: Event) throws(JournalError) -> AppendReceipt

    /// Appends events in order, durable when this returns; a store may write them as one batch.
    @discardableResult
    func appendAll(_ events: [Event]) throws(JournalError) -> [AppendReceipt]

    /// Reads every line in order, events and bad lines alike.
    @discardableResult
    func read(_ visit: (JournalRecord) -> Void) throws(JournalError) -> ReadStatistics

    /// The SHA-256 of the last complete line, or nil for an empty journal.
    func headHash() throws(JournalError) -> String?

    /// Starts following from the first line; the follower then picks up every later append.
    func follow() throws(JournalError) -> any JournalFollowing

    /// Reads single lines back by number, for the detail view. Make a new one when a follower
    /// restarts: the journal it read may have been replaced.
    func lineReader() throws(JournalError) -> any JournalLineReading

    /// About how many bytes a whole `read` goes through (a file's size), or nil when unknown: a
    /// reader that keeps something for many lines makes room for it once instead of growing into it.
    var expectedReadBytes: Int64? { get }
}

extension JournalStore {
    public var expectedReadBytes: Int64? { nil }

    @discardableResult
    public func appendAll(_ events: [Event]) throws(JournalError) -> [AppendReceipt] {
        var receipts: [AppendReceipt] = []
        for event in events { receipts.append(try append(event)) }
        return receipts
    }
}

public struct AppendReceipt: Sendable, Equatable {
    public let id: String
    /// The new head: SHA-256 of the line just written.
    public let hash: String
    public let line: String

    public init(id: String, hash: String, line: String) {
        self.id = id
        self.hash = hash
        self.line = line
    }
}

public struct ReadStatistics: Sendable, Equatable {
    public var lines = 0
    public var events = 0
    public var badLines = 0
    public init() {}
}

/// A journal being followed. `descriptor` becomes readable when the journal may have changed,
/// so a caller can wait on it together with the keyboard in one `poll`.
public protocol JournalFollowing: AnyObject {
    var descriptor: Int32 { get }

    /// What has arrived since the last call, up to a bounded amount. Never blocks for long.
    func readAvailable() -> [FollowUpdate]

    /// The last `readAvailable` stopped at its bound with more already in the file: call it again
    /// (after answering keys) instead of waiting.
    var isBehind: Bool { get }

    /// Blocks until the journal may have changed or `timeoutMilliseconds` pass.
    func wait(timeoutMilliseconds: Int32)
}

public enum FollowUpdate: Sendable {
    case record(JournalRecord)
    /// The file shrank or was replaced: everything folded so far is void, and reading starts over.
    case restart(reason: String)
    /// Something a person watching must know, that does not change what was read.
    case warning(String)
    /// A store across the network cannot be reached since `since`: what was read stays on
    /// screen, and the follower keeps trying.
    case unreachable(since: Timestamp, reason: String)
    /// The store answers again; what was appended meanwhile follows as records.
    case reachable
    /// A long journal's first read left out the health and pool samples before
    /// `samplesFromLine` (it comes before that line's record); every other line came.
    case partial(PartialHistory)
}

/// What a long journal's first read left out (`FileJournal.follow(previewingLongHistory:)`).
public struct PartialHistory: Sendable, Equatable {
    public let path: String
    /// Lines before this one came only if they were not samples; from it on, every line came.
    public let samplesFromLine: Int
    /// The byte after the last whole line of the first read, and that line's number: folding
    /// the journal up to there (`HistoryFold`) gives what the first read stands in for.
    public let endOffset: Int64
    public let endLine: Int
}

public enum JournalError: Error, Equatable, Sendable, CustomStringConvertible {
    case symbolicLink(path: String)
    case notRegularFile(path: String, kind: String)
    case cannotOpen(path: String, reason: String)
    case lockTimeout(path: String, seconds: Int)
    case lockFailed(path: String, reason: String)
    case eventTooLarge(bytes: Int, limit: Int)
    case readFailed(path: String, reason: String)
    case writeFailed(path: String, reason: String)
    /// A journal store across the network cannot be reached (refused, timed out, dropped):
    /// worth retrying, and nothing was written.
    case unreachable(location: String, reason: String)
    /// The store answered and said no (authentication, TLS, permissions, schema version): a
    /// retry alone will not help.
    case refused(location: String, reason: String)

    public var description: String {
        switch self {
        case .symbolicLink(let path):
            "refusing to use \(path): it is a symbolic link (a link in a shared folder could redirect the journal)"
        case let .notRegularFile(path, kind): "\(path): is a \(kind), not a regular file; a journal must be a regular file"
        case let .cannotOpen(path, reason): "cannot open \(path): \(reason)"
        case let .lockTimeout(path, seconds): "\(path) stayed locked by another writer for \(seconds) s; nothing was written"
        case let .lockFailed(path, reason): "cannot lock \(path): \(reason); nothing was written"
        case let .eventTooLarge(bytes, limit):
            "event is \(bytes) bytes, over the journal's \(limit)-byte line limit; nothing was written"
        case let .readFailed(path, reason): "cannot read \(path): \(reason)"
        case let .writeFailed(path, reason): "cannot write \(path): \(reason)"
        case let .unreachable(location, reason): "cannot reach \(location): \(reason)"
        case let .refused(location, reason): "\(location) refused: \(reason)"
        }
    }
}
