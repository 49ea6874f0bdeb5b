/// What a reader finds on one line: an event, or a bad line that is reported and skipped.
public enum JournalRecord: Sendable {
    case event(Event, line: Int)
    case bad(BadLine)
}

/// A bad line, reported as `FILE:LINE: reason` (the shape compilers use, so editors can jump to it).
public struct BadLine: Error, Equatable, Sendable, CustomStringConvertible {
    public let source: String
    public let line: Int
    public let reason: String

    public init(source: String, line: Int, reason: String) {
        self.source = source
        self.line = line
        self.reason = reason
    }

    public var description: String { "\(source):\(line): \(reason)" }
}

extension LineSplitter.Piece {
    /// Decodes a piece of the stream into the record a reader hands on.
    func record(source: String) -> JournalRecord {
        switch self {
        case let .line(number, bytes):
            switch EventDecoder.decode(bytes) {
            case .success(let event): return .event(event, line: number)
            case .failure(let bad): return .bad(BadLine(source: source, line: number, reason: bad.reason))
            }
        case let .tooLong(number, length):
            return .bad(BadLine(
                source: source, line: number,
                reason: "line is \(length) bytes, over the reader's \(LineSplitter.maximumLineLength)-byte limit"))
        }
    }
}
