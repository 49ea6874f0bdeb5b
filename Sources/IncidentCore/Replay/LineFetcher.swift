import SystemPackage

/// Reads single journal lines by position, through a window of the file kept in memory, so
/// lines read in file order cost one read per megabyte rather than one per line.
final class LineFetcher {
    private let fd: FileDescriptor
    private let path: String
    private var window: [UInt8] = []
    private var windowStart: Int64 = 0
    private static let windowSize = 1 << 20

    init(path: String) throws(JournalError) {
        self.path = path
        fd = try JournalFile.openForReading(path)
    }

    deinit { try? fd.close() }

    /// The bytes of the line at `offset`, `length` long (without its newline).
    func withLine<Result>(offset: Int64, length: Int, _ body: (UnsafeRawBufferPointer) -> Result) throws(JournalError) -> Result {
        let end = offset + Int64(length)
        if offset < windowStart || end > windowStart + Int64(window.count) {
            guard let bytes = POSIX.pread(fd, count: max(Self.windowSize, length), offset: offset) else {
                throw .readFailed(path: path, reason: POSIX.errorText())
            }
            guard bytes.count >= length else { throw .readFailed(path: path, reason: "the journal is shorter than when it was indexed") }
            window = bytes
            windowStart = offset
        }
        let start = Int(offset - windowStart)
        return window.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<(start + length)])) }
    }
}
