import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// The journal as a local JSON Lines file, shared by every process that names the same path.
public struct FileJournal: JournalStore {
    public static let lineLimit = 64 * 1024
    public let path: String
    public var location: String { path }
    /// How long an append waits for another writer's lock before giving up and saying so.
    public var lockTimeoutSeconds = 10

    public init(path: String) { self.path = path }

    // MARK: Append

    /// What every store does before it writes a batch: ids and `logged` filled in (so a retried
    /// batch is known by its ids), and each line sized with a placeholder `prev` against the line
    /// limit, so an oversized event refuses the whole batch before anything is touched.
    public static func prepareForAppend(_ events: [Event]) throws(JournalError) -> [Event] {
        var pending = events
        for index in pending.indices {
            if pending[index].id == nil { pending[index].id = EventID.make() }
            if pending[index].logged == nil { pending[index].logged = .now() }
            pending[index].prev = String(repeating: "0", count: 64)
            let worstCase = EventEncoder.encode(pending[index]).count + 1
            guard worstCase <= lineLimit else {
                throw .eventTooLarge(bytes: worstCase, limit: lineLimit)
            }
        }
        return pending
    }

    @discardableResult
    public func append(_ event: Event) throws(JournalError) -> AppendReceipt {
        try appendAll([event])[0]
    }

    /// Appends several events under one lock, in one write and one `fsync`: a collector
    /// sampling many sources pays for one disk flush per batch, not one per sample.
    /// All or nothing: an oversized event refuses the whole batch before the file is touched, and
    /// a write that comes up short (a full disk, a quota, a file-size limit) or an `fsync` that
    /// fails is cut back off the file before the failure is reported. A caller told "not written"
    /// can retry without duplicating anything.
    @discardableResult
    public func appendAll(_ events: [Event]) throws(JournalError) -> [AppendReceipt] {
        guard !events.isEmpty else { return [] }
        let pending = try Self.prepareForAppend(events)

        let fd = try JournalFile.openForAppend(path)
        defer { try? fd.close() }
        try lock(fd)  // released by close()

        guard let size = POSIX.fileSize(fd) else { throw .readFailed(path: path, reason: POSIX.errorText()) }
        let (start, head) = try chainStart(fd: fd, size: size)
        var previousHash = head
        var bytes: [UInt8] = []
        var receipts: [AppendReceipt] = []
        for var event in pending {
            event.prev = previousHash
            let line = EventEncoder.encode(event)
            let hash = ChainHash.of(line)
            receipts.append(AppendReceipt(id: event.id!, hash: hash, line: String(decoding: line, as: UTF8.self)))
            bytes.append(contentsOf: line)
            bytes.append(0x0A)
            previousHash = hash
        }
        do throws(JournalError) {
            try writeAll(fd, bytes)
            guard fsync(fd.rawValue) == 0 else { throw .writeFailed(path: path, reason: "fsync: \(POSIX.errorText())") }
        } catch {
            throw cutBack(fd, to: start, atMost: bytes.count, after: error)
        }
        return receipts
    }

    /// Opens the journal as an append would (creating it if missing) and closes it again, so a
    /// long-running writer can refuse to start on a path it could never write, instead of
    /// finding out at its first event.
    public func checkWritable() throws(JournalError) {
        let fd = try JournalFile.openForAppend(path)
        try? fd.close()
    }

    private func lock(_ fd: FileDescriptor) throws(JournalError) {
        let deadline = Timestamp.now().adding(seconds: Double(lockTimeoutSeconds))
        var pause: UInt32 = 200
        while retryingOnInterrupt({ flock(fd.rawValue, LOCK_EX | LOCK_NB) }) != 0 {
            guard errno == EWOULDBLOCK else {
                throw .lockFailed(path: path, reason: POSIX.errorText())
            }
            guard Timestamp.now() < deadline else {
                throw .lockTimeout(path: path, seconds: lockTimeoutSeconds)
            }
            usleep(pause)
            pause = min(pause * 2, 5_000)
        }
    }

    /// Where this append begins, and the hash its first `prev` must carry. An unfinished last
    /// line (a writer died mid-append) is ended with a newline first, so it stays in the file as a
    /// bad line and the new event chains to it. That newline repairs what was found rather than
    /// belonging to this append, so a failure later in the append keeps it: the torn line is then
    /// a line of its own whatever comes next, and a retry chains to it exactly as this try did.
    private func chainStart(fd: FileDescriptor, size: Int64) throws(JournalError) -> (offset: Int64, hash: String?) {
        guard size > 0 else { return (0, nil) }
        let tail = try lastBytes(fd, size: size)
        var newline = size - 1
        var lineEnd = tail.count - 1
        if tail[lineEnd] != 0x0A {
            do { try writeAll(fd, [0x0A]) } catch { throw cutBack(fd, to: size, atMost: 1, after: error) }
            newline = size
            lineEnd = tail.count
        }
        let tailStart = size - Int64(tail.count)
        // The line's start is in the bytes already read, or the tail is the whole file: hashed
        // from memory. A longer line (another program's) is hashed from the file a chunk at a time.
        if let before = tail[..<lineEnd].lastIndex(of: 0x0A) ?? (tailStart == 0 ? -1 : nil) {
            let hash = tail.withUnsafeBytes { ChainHash.of(UnsafeRawBufferPointer(rebasing: $0[(before + 1)..<lineEnd])) }
            return (newline + 1, hash)
        }
        guard let hash = TailReader.hashOfLine(endingAt: newline, in: fd) else {
            throw .readFailed(path: path, reason: POSIX.errorText())
        }
        return (newline + 1, hash)
    }

    /// How much of the file's end an append reads to find the line it chains to: a few of
    /// sitrep's own lines. Reading 64 KiB and hashing through a 256 KiB buffer, as for a line of
    /// any length, touched a hundred fresh pages of memory, a tenth of a note's start-up.
    static let tailLength: Int64 = 4096

    /// The file's last bytes, at most `tailLength` of them and never none.
    private func lastBytes(_ fd: FileDescriptor, size: Int64) throws(JournalError) -> [UInt8] {
        let start = max(0, size - Self.tailLength)
        guard let tail = POSIX.pread(fd, count: Int(size - start), offset: start), tail.count == Int(size - start) else {
            throw .readFailed(path: path, reason: POSIX.errorText())
        }
        return tail
    }

    /// Writes every byte, going on after a short write: on a full disk the next write() fails
    /// with the reason (ENOSPC, EDQUOT, EFBIG) that the message then gives.
    private func writeAll(_ fd: FileDescriptor, _ bytes: [UInt8]) throws(JournalError) {
        var done = 0
        while done < bytes.count {
            let written: Int
            do {
                written = try bytes.withUnsafeBytes { try fd.write(UnsafeRawBufferPointer(rebasing: $0[done...])) }
            } catch {
                throw .writeFailed(path: path, reason: "\(error)")
            }
            guard written > 0 else { throw .writeFailed(path: path, reason: "only \(done) of \(bytes.count) bytes written") }
            done += written
        }
    }

    /// Takes a failed append's bytes back off the file (still under the lock), so that the
    /// failure it reports is true and the next append chains to the last intact line.
    /// A file now longer than this append could have made it holds a line from a writer that does
    /// not take the lock (`echo >> journal`): cutting would remove that line too, so the partial
    /// write is left and said.
    private func cutBack(_ fd: FileDescriptor, to size: Int64, atMost attempted: Int, after failure: JournalError) -> JournalError {
        guard case .writeFailed(_, let reason) = failure else { return failure }
        if let now = POSIX.fileSize(fd) {
            if now == size { return .writeFailed(path: path, reason: "\(reason); nothing was written") }
            if now > size + Int64(attempted) {
                return .writeFailed(path: path, reason: "\(reason); another program wrote to the journal meanwhile, so the partial write at byte \(size) was left as a bad line")
            }
        }
        do {
            try fd.resize(to: size)
        } catch {
            return .writeFailed(path: path, reason: "\(reason); removing the partial write failed too (\(error)), so the journal ends in a bad line")
        }
        _ = fsync(fd.rawValue)
        return .writeFailed(path: path, reason: "\(reason); nothing was written")
    }

    // MARK: Read

    @discardableResult
    public func read(_ visit: (JournalRecord) -> Void) throws(JournalError) -> ReadStatistics {
        try readAll(visit)
    }

    /// Reads the lines before byte `end` (a line's start), in order, as `read` does. `continuing`
    /// is asked after each chunk of the file, with the bytes read so far: false stops the read
    /// there, and what was read is handed over.
    func read(upTo end: Int64, continuing: (Int64) -> Bool,
              _ visit: (JournalRecord) -> Void) throws(JournalError) {
        _ = try readAll(upTo: end, continuing: continuing, visit)
    }

    private func readAll(upTo end: Int64? = nil, continuing: (Int64) -> Bool = { _ in true },
                         _ visit: (JournalRecord) -> Void) throws(JournalError) -> ReadStatistics {
        let fd = try JournalFile.openForReading(path)
        defer { try? fd.close() }
        var splitter = LineSplitter()
        var statistics = ReadStatistics()
        let decoder = ParallelLines.decoding(source: path)
        // Counted through a pointer: a variable captured by these closures would be checked for
        // exclusive access on every record, a few per cent of reading a long journal.
        try withUnsafeMutablePointer(to: &statistics) { counts throws(JournalError) in
            func countAndVisit(_ record: JournalRecord) {
                counts.pointee.count(record)
                visit(record)
            }
            var bytesRead: Int64 = 0
            try FileChunks.read(fd, path: path, upTo: end) { chunk in
                splitter.feed(chunk) { decoder.add($0, take: countAndVisit) }
                bytesRead += Int64(chunk.count)
                return continuing(bytesRead)
            }
            decoder.finish(take: countAndVisit)
            if splitter.hasUnfinishedLine {
                let bad = BadLine(source: path, line: splitter.lineNumber + 1,
                                  reason: "unfinished last line (no newline yet); skipped")
                countAndVisit(.bad(bad))
            }
        }
        return statistics
    }

    public func headHash() throws(JournalError) -> String? {
        let fd = try JournalFile.openForReading(path)
        defer { try? fd.close() }
        guard let size = POSIX.fileSize(fd), let newline = TailReader.lastNewline(before: size, in: fd) else {
            throw .readFailed(path: path, reason: POSIX.errorText())
        }
        guard newline >= 0 else { return nil }
        guard let hash = TailReader.hashOfLine(endingAt: newline, in: fd) else {
            throw .readFailed(path: path, reason: POSIX.errorText())
        }
        return hash
    }

    public func follow() throws(JournalError) -> any JournalFollowing {
        try FileJournalFollower(path: path)
    }

    /// As `follow`, but a long journal's first read leaves out the samples before its last
    /// stretch and says so (`FollowUpdate.partial`), for a reader that folds them meanwhile
    /// (`HistoryFold`): the dashboard, whose first frame must not wait for a million samples.
    public func follow(previewingLongHistory: Bool) throws(JournalError) -> any JournalFollowing {
        let follower = try FileJournalFollower(path: path)
        if previewingLongHistory { follower.longHistory = (LongJournalStart.threshold, LongJournalStart.tailBytes) }
        return follower
    }

    public func lineReader() throws(JournalError) -> any JournalLineReading {
        try FileLineReader(path: path)
    }

    public var expectedReadBytes: Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }
}

extension ReadStatistics {
    mutating func count(_ record: JournalRecord) {
        lines += 1
        switch record {
        case .event: events += 1
        case .bad: badLines += 1
        }
    }
}

/// Event ids: twelve characters of Crockford base32 (60 random bits), short enough to type in
/// `sitrep amend ID`, long enough that a journal of millions of events does not repeat one.
public enum EventID {
    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        var bits = generator.next() as UInt64
        var text: [UInt8] = []
        for _ in 0..<12 {
            text.append(alphabet[Int(bits & 31)])
            bits >>= 5
        }
        return String(decoding: text, as: UTF8.self)
    }
}
