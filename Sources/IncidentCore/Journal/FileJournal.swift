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

    @discardableResult
    public func append(_ event: Event) throws(JournalError) -> AppendReceipt {
        try appendAll([event])[0]
    }

    /// Appends several events under one lock with one `write()` and one `fsync`: a collector
    /// sampling many sources pays for one disk flush per batch, not one per sample.
    /// All or nothing: an oversized event refuses the whole batch before the file is touched.
    @discardableResult
    public func appendAll(_ events: [Event]) throws(JournalError) -> [AppendReceipt] {
        guard !events.isEmpty else { return [] }
        var pending = events
        for index in pending.indices {
            if pending[index].id == nil { pending[index].id = EventID.make() }
            if pending[index].logged == nil { pending[index].logged = .now() }
            // Sized with a placeholder `prev` so an oversized event is refused before touching the file.
            pending[index].prev = String(repeating: "0", count: 64)
            let worstCase = EventEncoder.encode(pending[index]).count + 1
            guard worstCase <= Self.lineLimit else {
                throw .eventTooLarge(bytes: worstCase, limit: Self.lineLimit)
            }
        }

        let fd = try JournalFile.openForAppend(path)
        defer { close(fd) }
        try lock(fd)  // released by close()

        guard let size = POSIX.fileSize(fd) else { throw .readFailed(path: path, reason: POSIX.errorText()) }
        var previousHash = try previousLineHash(fd: fd, size: size)
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
        try writeOnce(fd, bytes)
        guard fsync(fd) == 0 else { throw .writeFailed(path: path, reason: "fsync: \(POSIX.errorText())") }
        return receipts
    }

    /// Opens the journal as an append would (creating it if missing) and closes it again, so a
    /// long-running writer can refuse to start on a path it could never write, instead of
    /// finding out at its first event.
    public func checkWritable() throws(JournalError) {
        close(try JournalFile.openForAppend(path))
    }

    private func lock(_ fd: Int32) throws(JournalError) {
        let deadline = Timestamp.now().adding(seconds: Double(lockTimeoutSeconds))
        var pause: UInt32 = 200
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw .lockFailed(path: path, reason: POSIX.errorText())
            }
            guard Timestamp.now() < deadline else {
                throw .lockTimeout(path: path, seconds: lockTimeoutSeconds)
            }
            usleep(pause)
            pause = min(pause * 2, 5_000)
        }
    }

    /// The hash `prev` must carry. An unfinished last line (a writer died mid-append) is ended
    /// with a newline first, so it stays in the file as a bad line and the new event chains to it.
    private func previousLineHash(fd: Int32, size: Int64) throws(JournalError) -> String? {
        guard size > 0 else { return nil }
        guard let last = POSIX.pread(fd, count: 1, offset: size - 1), last.count == 1 else {
            throw .readFailed(path: path, reason: POSIX.errorText())
        }
        let lineEnd: Int64
        if last[0] == 0x0A {
            lineEnd = size - 1
        } else {
            try writeOnce(fd, [0x0A])
            lineEnd = size
        }
        guard let previous = TailReader.line(endingAt: lineEnd, in: fd) else {
            throw .readFailed(path: path, reason: POSIX.errorText())
        }
        return ChainHash.of(previous)
    }

    private func writeOnce(_ fd: Int32, _ bytes: [UInt8]) throws(JournalError) {
        var written = -1
        repeat {
            written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        } while written < 0 && errno == EINTR
        if written < 0 { throw .writeFailed(path: path, reason: POSIX.errorText()) }
        if written != bytes.count {
            throw .writeFailed(path: path, reason: "only \(written) of \(bytes.count) bytes written (disk full?)")
        }
    }

    // MARK: Read

    @discardableResult
    public func read(_ visit: (JournalRecord) -> Void) throws(JournalError) -> ReadStatistics {
        try withoutActuallyEscaping(visit) { visit throws(JournalError) in try readAll(visit) }
    }

    private func readAll(_ visit: @escaping (JournalRecord) -> Void) throws(JournalError) -> ReadStatistics {
        let fd = try JournalFile.openForReading(path)
        defer { close(fd) }
        var splitter = LineSplitter()
        var statistics = ReadStatistics()
        let decoder = ParallelLineDecoder(source: path)
        let countAndVisit: (JournalRecord) -> Void = { record in
            statistics.count(record)
            visit(record)
        }
        try FileChunks.read(fd, path: path) { chunk in
            splitter.feed(chunk) { decoder.add($0, visit: countAndVisit) }
        }
        decoder.finish(visit: countAndVisit)
        if splitter.hasUnfinishedLine {
            let bad = BadLine(source: path, line: splitter.lineNumber + 1,
                              reason: "unfinished last line (no newline yet); skipped")
            countAndVisit(.bad(bad))
        }
        return statistics
    }

    public func headHash() throws(JournalError) -> String? {
        let fd = try JournalFile.openForReading(path)
        defer { close(fd) }
        guard let size = POSIX.fileSize(fd) else { throw .readFailed(path: path, reason: POSIX.errorText()) }
        guard let newline = TailReader.lastNewline(before: size, in: fd),
              let line = TailReader.line(endingAt: newline, in: fd) else { return nil }
        return ChainHash.of(line)
    }

    public func follow() throws(JournalError) -> any JournalFollowing {
        try FileJournalFollower(path: path)
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
