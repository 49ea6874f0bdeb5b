#if canImport(Glibc)
import Glibc
#endif

/// Cuts a byte stream into journal lines. Complete lines are handed out in place, without a copy;
/// only a line split across two chunks is buffered. A line longer than `maximumLineLength` is not
/// buffered at all: it is skipped and reported, so hostile input cannot exhaust memory.
public struct LineSplitter: Sendable {
    public static let maximumLineLength = 1 << 20

    public enum Piece {
        case line(number: Int, bytes: UnsafeRawBufferPointer)
        case tooLong(number: Int, length: Int)

        public var number: Int {
            switch self {
            case .line(let number, _), .tooLong(let number, _): number
            }
        }

        /// The line's length in the file, without its newline.
        public var length: Int {
            switch self {
            case .line(_, let bytes): bytes.count
            case .tooLong(_, let length): length
            }
        }
    }

    public private(set) var lineNumber = 0
    private var pending: [UInt8] = []
    private var skippedLength: Int? = nil

    public init() {}

    /// Goes on from a stream whose first `lines` lines were read another way.
    init(after lines: Int) { lineNumber = lines }

    /// True when the stream so far ends inside a line: an append still being written, or torn.
    public var hasUnfinishedLine: Bool { !pending.isEmpty || skippedLength != nil }

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ emit: (Piece) -> Void) {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        var start = 0
        while start < chunk.count {
            guard let found = memchr(base + start, 0x0A, chunk.count - start) else {
                keepUnfinished(UnsafeRawBufferPointer(rebasing: chunk[start...]))
                return
            }
            let end = base.distance(to: UnsafeRawPointer(found))
            finishLine(UnsafeRawBufferPointer(rebasing: chunk[start..<end]), emit)
            start = end + 1
        }
    }

    private mutating func finishLine(_ tail: UnsafeRawBufferPointer, _ emit: (Piece) -> Void) {
        lineNumber += 1
        if let skipped = skippedLength {
            skippedLength = nil
            emit(.tooLong(number: lineNumber, length: skipped + tail.count))
        } else if pending.isEmpty {
            if tail.count > Self.maximumLineLength {
                emit(.tooLong(number: lineNumber, length: tail.count))
            } else {
                emit(.line(number: lineNumber, bytes: tail))
            }
        } else {
            pending.append(contentsOf: tail)
            if pending.count > Self.maximumLineLength {
                emit(.tooLong(number: lineNumber, length: pending.count))
            } else {
                pending.withUnsafeBytes { emit(.line(number: lineNumber, bytes: $0)) }
            }
            pending.removeAll(keepingCapacity: pending.count <= 1 << 16)
        }
    }

    private mutating func keepUnfinished(_ bytes: UnsafeRawBufferPointer) {
        if let skipped = skippedLength {
            skippedLength = skipped + bytes.count
        } else if pending.count + bytes.count > Self.maximumLineLength {
            skippedLength = pending.count + bytes.count
            pending = []
        } else {
            pending.append(contentsOf: bytes)
        }
    }
}
