import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// Follows a journal file as other processes append to it.
///
/// inotify on the file and its folder wakes the follower at once; a stat of the file on every
/// wait (at most a second apart) covers filesystems where inotify says nothing, such as network
/// mounts. A half-written last line is held back until its newline arrives. If the file shrinks
/// or is replaced, the follower says so and starts again from the new file's first line.
public final class FileJournalFollower: JournalFollowing {
    public let path: String
    public private(set) var descriptor: Int32 = -1
    private let reading: FollowedFile
    private var file: FileDescriptor? { reading.file }
    private var identity: FileIdentity?
    private var missingReported = false
    /// A special file at the journal's path has been refused, and said so once.
    private var refusalReported = false
    /// Made when the follower first falls behind: a small journal never starts its thread.
    private var readAhead: FollowReadAhead?
    /// How much one `readAvailable` reads at most, so a journal that is huge, or grows as fast as
    /// it is read, never keeps the dashboard from its keys for long. Three chunks are alive while
    /// a long journal loads (one folded, one decoded ahead, one being freed), each decoded to
    /// about four times its size: 1 MB keeps that near 12 MB, where 4 MB cost 50 MB of peak.
    static let readLimit = 1 << 20
    public private(set) var isBehind = false
    /// Set: a journal of `threshold` bytes or more is first read as `LongJournalStart` reads it.
    var longHistory: (threshold: Int64, tailBytes: Int64)?

    public init(path: String) throws(JournalError) {
        self.path = path
        reading = FollowedFile(path: path)
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        watchFolder()
        do {
            adopt(try JournalFile.openForReading(path))
        } catch {
            // A journal not there yet is waited for; something that can never be one is refused now.
            if case .notRegularFile = error { throw error }
        }
    }

    deinit {
        readAhead = nil  // waits for a chunk still being read before the file is closed
        try? file?.close()
        if descriptor >= 0 { close(descriptor) }
    }

    public func wait(timeoutMilliseconds: Int32) {
        guard descriptor >= 0 else {
            usleep(UInt32(max(0, timeoutMilliseconds)) * 1000)
            return
        }
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&entry, 1, timeoutMilliseconds)
    }

    public func readAvailable() -> [FollowUpdate] {
        if let readAhead, readAhead.isRunning { return takeReadAhead(readAhead) }
        isBehind = false
        drainNotifications()
        var updates: [FollowUpdate] = []
        if file == nil {
            openFile(&updates)
            if file == nil { return updates }
        }
        checkReplacedOrShrunk(&updates)
        if let longHistory, reading.offset == 0,
           let start = LongJournalStart.read(reading, threshold: longHistory.threshold, tailBytes: longHistory.tailBytes) {
            // Not `updates + start`: copying a long journal's first read would retain every event again.
            return updates.isEmpty ? start : updates + start
        }
        let (records, behind) = reading.readLines(limit: Self.readLimit)
        updates += records
        isBehind = behind
        if behind { startReadAhead() }
        return updates
    }

    /// While far behind, each call hands over the chunk read ahead and starts the next. The file
    /// is looked at again (replaced, shrunk, notifications) once the follower has caught up.
    private func takeReadAhead(_ readAhead: FollowReadAhead) -> [FollowUpdate] {
        let (updates, behind) = readAhead.finish()
        isBehind = behind
        if behind { startReadAhead() }
        return updates
    }

    private func startReadAhead() {
        let readAhead = self.readAhead ?? FollowReadAhead()
        self.readAhead = readAhead
        readAhead.start(reading, limit: Self.readLimit)
    }

    private func checkReplacedOrShrunk(_ updates: inout [FollowUpdate]) {
        let current = POSIX.identity(path: path)
        if current == nil {
            if !missingReported {
                updates.append(.warning("journal \(path) was deleted or moved away; showing what was read so far"))
                missingReported = true
            }
            return
        }
        if current != identity {
            if let kind = JournalFile.specialKind(path: path) {
                // Keep showing what was read rather than void it for something unreadable.
                refuse(.notRegularFile(path: path, kind: kind), &updates)
                return
            }
            updates.append(.restart(reason: "journal \(path) was replaced by another file; reading it from the start"))
            reopen(&updates)
            return
        }
        if let file, let size = POSIX.fileSize(file), size < reading.offset {
            updates.append(.restart(
                reason: "journal \(path) shrank from \(reading.offset) to \(size) bytes: lines were removed; reading it again from the start"))
            reading.rewind()
        }
    }

    private func openFile(_ updates: inout [FollowUpdate]) {
        let fd: FileDescriptor
        do {
            fd = try JournalFile.openForReading(path)
        } catch {
            if case .notRegularFile = error { refuse(error, &updates) }
            return
        }
        adopt(fd)
    }

    /// Says once that what stands at the journal's path cannot be a journal; nothing is read from it.
    private func refuse(_ error: JournalError, _ updates: inout [FollowUpdate]) {
        guard !refusalReported else { return }
        refusalReported = true
        updates.append(.warning("\(error); not following it"))
    }

    private func adopt(_ fd: FileDescriptor) {
        refusalReported = false
        reading.adopt(fd)
        identity = POSIX.identity(fd)
        missingReported = false
        if descriptor >= 0 {
            let mask = UInt32(IN_MODIFY) | UInt32(IN_ATTRIB) | UInt32(IN_MOVE_SELF) | UInt32(IN_DELETE_SELF)
            _ = inotify_add_watch(descriptor, path, mask)
        }
    }

    private func reopen(_ updates: inout [FollowUpdate]) {
        try? file?.close()
        reading.adopt(nil)
        openFile(&updates)
    }

    /// The folder's watch catches the file being created, replaced or renamed over.
    private func watchFolder() {
        guard descriptor >= 0 else { return }
        let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let mask = UInt32(IN_CREATE) | UInt32(IN_MOVED_TO) | UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM)
        _ = inotify_add_watch(descriptor, folder.isEmpty ? "/" : folder, mask)
    }

    private func drainNotifications() {
        guard descriptor >= 0 else { return }
        var scratch = [UInt8](repeating: 0, count: 4096)
        while scratch.withUnsafeMutableBytes({ Glibc.read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }
}
