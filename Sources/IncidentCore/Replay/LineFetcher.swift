import Synchronization
import SystemPackage

/// Reads single journal lines by position, through a window of the file kept in memory, so
/// lines read in file order cost one read per megabyte rather than one per line. The window is
/// behind a lock: a recording is indexed on one thread and replayed on another.
final class LineFetcher: Sendable {
    private let fd: FileDescriptor
    private let path: String
    private let window = Mutex(Window())
    private static let windowSize = 1 << 20

    private struct Window {
        var bytes: [UInt8] = []
        var start: Int64 = 0
    }

    init(path: String) throws(JournalError) {
        self.path = path
        fd = try JournalFile.openForReading(path)
    }

    deinit { try? fd.close() }

    /// The bytes of the line at `offset`, `length` long (without its newline).
    func withLine<Result: Sendable>(offset: Int64, length: Int, _ body: (UnsafeRawBufferPointer) -> Result) throws(JournalError) -> Result {
        try window.withLock { window throws(JournalError) in
            let end = offset + Int64(length)
            if offset < window.start || end > window.start + Int64(window.bytes.count) {
                guard let bytes = POSIX.pread(fd, count: max(Self.windowSize, length), offset: offset) else {
                    throw .readFailed(path: path, reason: POSIX.errorText())
                }
                guard bytes.count >= length else { throw .readFailed(path: path, reason: "the journal is shorter than when it was indexed") }
                window = Window(bytes: bytes, start: offset)
            }
            let start = Int(offset - window.start)
            return window.bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<(start + length)])) }
        }
    }
}
