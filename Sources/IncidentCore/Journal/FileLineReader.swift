#if canImport(Glibc)
import Glibc
#endif
import SystemPackage

/// Finds a journal file's lines by number, counting newlines from the nearest line whose place it
/// already knows. It remembers where every 4,096th line it passes starts, so the first look-up in
/// a million-line journal reads the file up to that line once and later ones read a few blocks.
///
/// Numbers count lines as the follower does: every newline ends one. A reader that outlives a
/// replaced or truncated file reads the old one: make a new reader when the follower restarts.
public final class FileLineReader: JournalLineReading {
    private let fd: FileDescriptor
    private let path: String
    /// `knownStarts[k]` is where line `k × spacing + 1` starts.
    private var knownStarts: [Int64] = [0]
    static let spacing = 4096
    private static let blockSize = 1 << 20

    public init(path: String) throws(JournalError) {
        self.path = path
        fd = try JournalFile.openForReading(path)
    }

    deinit { try? fd.close() }

    public func event(atLine number: Int) throws(JournalError) -> Event? {
        guard let bytes = try line(number) else { return nil }
        return bytes.withUnsafeBytes { try? EventDecoder.decode($0).get() }
    }

    /// Line `number`'s bytes without its newline; nil when the file has no such complete line or
    /// it is over the reader's length limit (a follower reports that line as bad).
    func line(_ number: Int) throws(JournalError) -> [UInt8]? {
        guard number >= 1, let start = try startOfLine(number) else { return nil }
        guard let bytes = POSIX.pread(fd, count: LineSplitter.maximumLineLength + 1, offset: start) else {
            throw .readFailed(path: path, reason: POSIX.errorText())
        }
        guard let end = bytes.firstIndex(of: 0x0A) else { return nil }
        return Array(bytes[..<end])
    }

    /// Where line `number` starts, when the lines before it are all complete.
    private func startOfLine(_ number: Int) throws(JournalError) -> Int64? {
        let known = min((number - 1) / Self.spacing, knownStarts.count - 1)
        var line = known * Self.spacing + 1
        var offset = knownStarts[known]
        while line < number {
            guard let block = POSIX.pread(fd, count: Self.blockSize, offset: offset) else {
                throw .readFailed(path: path, reason: POSIX.errorText())
            }
            if block.isEmpty { return nil }
            let found: Int64? = block.withUnsafeBytes { bytes in
                var index = 0
                while line < number, let newline = Self.newline(in: bytes, from: index) {
                    index = newline + 1
                    line += 1
                    remember(line, startingAt: offset + Int64(index))
                }
                return line == number ? offset + Int64(index) : nil
            }
            if let found { return found }
            offset += Int64(block.count)
        }
        return offset
    }

    private static func newline(in bytes: UnsafeRawBufferPointer, from index: Int) -> Int? {
        guard index < bytes.count, let base = bytes.baseAddress,
              let found = memchr(base + index, 0x0A, bytes.count - index) else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
    }

    private func remember(_ line: Int, startingAt offset: Int64) {
        if (line - 1) % Self.spacing == 0, (line - 1) / Self.spacing == knownStarts.count { knownStarts.append(offset) }
    }
}
