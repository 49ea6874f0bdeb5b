import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// Opens the journal, which must be a regular file. Anything else is refused before a byte is
/// read or written: a FIFO would block every reader in open(), /dev/full would feed it zeros
/// forever, a directory would read as an empty incident.
enum JournalFile {
    /// O_NONBLOCK so that open() on a FIFO returns at once; it is cleared again once fstat has
    /// shown a regular file, for which it changes nothing anyway.
    /// Close-on-exec, like every descriptor sitrep opens: no program it starts inherits the journal.
    static func openForReading(_ path: String) throws(JournalError) -> FileDescriptor {
        try open(path, .readOnly, [])
    }

    /// O_NOFOLLOW: a link planted where the journal should be must not redirect the write.
    static func openForAppend(_ path: String) throws(JournalError) -> FileDescriptor {
        try open(path, .readWrite, [.append, .create, .noFollow])
    }

    private static func open(_ path: String, _ mode: FileDescriptor.AccessMode,
                             _ options: FileDescriptor.OpenOptions) throws(JournalError) -> FileDescriptor {
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(FilePath(path), mode, options: options.union([.closeOnExec, .nonBlocking]),
                                         permissions: FilePermissions(rawValue: 0o660))
        } catch {
            let code = (error as? Errno)?.rawValue ?? EIO
            if code == ELOOP, options.contains(.noFollow) { throw .symbolicLink(path: path) }
            // A socket cannot be opened at all (ENXIO), a directory not for writing (EISDIR).
            if let kind = specialKind(path: path) { throw .notRegularFile(path: path, kind: kind) }
            throw .cannotOpen(path: path, reason: POSIX.errorText(code))
        }
        var info = stat()
        guard fstat(fd.rawValue, &info) == 0 else {
            let reason = POSIX.errorText()
            try? fd.close()
            throw .cannotOpen(path: path, reason: reason)
        }
        if let kind = specialKind(info.st_mode) {
            try? fd.close()
            throw .notRegularFile(path: path, kind: kind)
        }
        _ = fcntl(fd.rawValue, F_SETFL, fcntl(fd.rawValue, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    /// What a file that is not a regular file is, in words; nil for a regular file.
    static func specialKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFIFO: "FIFO (named pipe)"
        case S_IFDIR: "directory"
        case S_IFCHR: "character device"
        case S_IFBLK: "block device"
        case S_IFSOCK: "socket"
        case S_IFLNK: "symbolic link"
        default: "special file"
        }
    }

    /// The kind of special file at `path` now, if that is what is there.
    static func specialKind(path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return specialKind(info.st_mode)
    }
}
