import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// Thin wrappers over the system calls the journal needs, turning errno into text. Reads and
/// writes go through swift-system's `FileDescriptor`, which retries a call a signal interrupted;
/// the calls it does not cover go through `retryingOnInterrupt`.
/// A failed call leaves its code in `errno` (swift-system does not reset it) for `errorText()`.
enum POSIX {
    static func errorText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }

    /// Reads exactly `count` bytes at `offset`, or fewer at end of file.
    static func pread(_ fd: FileDescriptor, count: Int, offset: Int64) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = read(fd, into: &buffer, from: filled, at: offset + Int64(filled))
            guard let got else { return nil }
            if got == 0 { break }
            filled += got
        }
        buffer.removeLast(count - filled)
        return buffer
    }

    /// One pread into `buffer[start...]`: the bytes read (0 at end of file), nil on failure.
    static func read(_ fd: FileDescriptor, into buffer: inout [UInt8], from start: Int = 0, at offset: Int64) -> Int? {
        buffer.withUnsafeMutableBytes { raw in
            try? fd.read(fromAbsoluteOffset: offset, into: UnsafeMutableRawBufferPointer(rebasing: raw[start...]))
        }
    }

    static func fileSize(_ fd: FileDescriptor) -> Int64? {
        var info = stat()
        guard fstat(fd.rawValue, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }

    static func identity(_ fd: FileDescriptor) -> FileIdentity? {
        var info = stat()
        guard fstat(fd.rawValue, &info) == 0 else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    static func identity(path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}

/// Reads a whole file front to back in 1 MiB chunks, handing each to `body`.
enum FileChunks {
    /// Hands `body` the file from its current position to its end, a megabyte at a time.
    static func read(_ fd: FileDescriptor, path: String, _ body: (UnsafeRawBufferPointer) -> Void) throws(JournalError) {
        try read(fd, path: path, upTo: nil) { chunk in
            body(chunk)
            return true
        }
    }

    /// As `read`, from byte `start` to byte `end` (nil: the file's end), or until `body` returns
    /// false. It reads at those offsets, so threads may share the descriptor.
    static func read(_ fd: FileDescriptor, path: String, from start: Int64 = 0, upTo end: Int64?,
                     chunkSize: Int = 1 << 20, continuing body: (UnsafeRawBufferPointer) -> Bool) throws(JournalError) {
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var position = start
        while end.map({ position < $0 }) ?? true {
            let wanted = end.map { Int(min(Int64(buffer.count), $0 - position)) } ?? buffer.count
            let got: Int
            do {
                got = try buffer.withUnsafeMutableBytes {
                    try fd.read(fromAbsoluteOffset: position, into: UnsafeMutableRawBufferPointer(rebasing: $0[..<wanted]))
                }
            } catch {
                throw .readFailed(path: path, reason: "\(error)")
            }
            if got == 0 { return }
            position += Int64(got)
            guard buffer.withUnsafeBytes({ body(UnsafeRawBufferPointer(rebasing: $0[0..<got])) }) else { return }
        }
    }
}

extension FileChunks {
    /// Where the first line starting at or after `offset` (> 0) starts; nil if the file cannot be read.
    static func lineStart(after offset: Int64, in descriptor: FileDescriptor) -> Int64? {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var position = offset - 1
        while true {
            guard let got = POSIX.read(descriptor, into: &buffer, at: position), got > 0 else { return nil }
            if let newline = buffer[..<got].firstIndex(of: 0x0A) { return position + Int64(newline) + 1 }
            position += Int64(got)
        }
    }
}

/// Calls `call` again for as long as it fails with EINTR (a signal handler ran while it waited),
/// for the system calls swift-system's `FileDescriptor` does not wrap. Returns what the last call
/// returned; on another failure, `errno` says why.
public func retryingOnInterrupt<Result: FixedWidthInteger>(_ call: () -> Result) -> Result {
    while true {
        let result = call()
        guard result == -1 && errno == EINTR else { return result }
    }
}

struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64
}

/// Finds the last line of a file by reading backwards from a point, in bounded chunks.
enum TailReader {
    private static let chunk: Int64 = 64 * 1024

    /// The SHA-256 of the line that ends just before `end` (exclusive), from the byte after the
    /// previous newline or the file's start. Another program may have written a line of any
    /// length there, so it is never held whole: the line's start is found going backwards, then
    /// it is hashed going forwards a chunk at a time. Nil if the file cannot be read.
    static func hashOfLine(endingAt end: Int64, in fd: FileDescriptor) -> String? {
        guard let newline = lastNewline(before: end, in: fd) else { return nil }
        return ChainHash.of(fd, from: newline + 1, to: end)
    }

    /// The offset of the last newline before `end`, -1 if there is none, nil if the file cannot be read.
    static func lastNewline(before end: Int64, in fd: FileDescriptor) -> Int64? {
        var position = end
        while position > 0 {
            let start = max(0, position - chunk)
            guard let block = POSIX.pread(fd, count: Int(position - start), offset: start) else { return nil }
            if let found = block.withUnsafeBytes(lastNewline(in:)) { return start + Int64(found) }
            position = start
        }
        return -1
    }

    /// memchr rather than `lastIndex(of:)`, whose byte-by-byte scan took seconds for 64 MiB in a
    /// debug build (glibc's memrchr is not visible to Swift).
    private static func lastNewline(in raw: UnsafeRawBufferPointer) -> Int? {
        guard let base = raw.baseAddress else { return nil }
        var last: Int?
        var from = 0
        while from < raw.count, let hit = memchr(base + from, 0x0A, raw.count - from) {
            last = base.distance(to: UnsafeRawPointer(hit))
            from = last! + 1
        }
        return last
    }
}
