import Foundation
import IncidentCore

/// A file on this host holding an incident's lines as `export` writes them, so that when the
/// store is the thing that is down, a responder can still read the incident with sitrep
/// (`replay`, `timeline`, `report`), jq or lnav.
///
/// Under `$XDG_STATE_HOME/sitrep/copies/` (else `~/.local/state/...`), one folder per store, one
/// file per incident, names kept to letters, digits, `.`, `_` and `-` (others %-escaped).
public struct LocalCopy: Sendable {
    public let path: String

    public init(of address: PostgresAddress, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSTemporaryDirectory()
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/state"
        let store = Self.safeName("\(address.user)@\(address.host)_\(address.port)_\(address.database)")
        path = "\(state)/sitrep/copies/\(store)/\(Self.safeName(address.incident)).jsonl"
    }

    static func safeName(_ text: String) -> String {
        var name = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-@".unicodeScalars.contains(scalar) {
                name.unicodeScalars.append(scalar)
            } else {
                name += String(format: "%%%02X", byte)
            }
        }
        return name.hasPrefix(".") ? "%2E" + name.dropFirst() : name
    }

    /// Writes every line of the incident into a new file, then renames it over the copy: a reader
    /// of the copy sees the old one or the new one, never half of either. Returns the line count.
    @discardableResult
    public func refresh(from store: PostgresJournal) throws(JournalError) -> Int {
        let folder = (path as NSString).deletingLastPathComponent
        let partial = path + ".partial-\(getpid())"
        var output = Data()
        var count = 0
        var writeError: (any Error)?
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .writeFailed(path: folder, reason: "\(error.localizedDescription)")
        }
        guard FileManager.default.createFile(atPath: partial, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: partial)
        else { throw .writeFailed(path: partial, reason: "cannot create it") }
        defer { try? handle.close(); unlink(partial) }
        do {
            try store.readLines { _, bytes in
                output.append(contentsOf: bytes)
                output.append(0x0A)
                count += 1
                if output.count >= 1 << 20, writeError == nil {
                    do { try handle.write(contentsOf: output) } catch { writeError = error }
                    output.removeAll(keepingCapacity: true)
                }
            }
            if let writeError { throw writeError }
            try handle.write(contentsOf: output)
            try handle.synchronize()
        } catch let error as JournalError {
            throw error
        } catch {
            throw .writeFailed(path: partial, reason: error.localizedDescription)
        }
        guard rename(partial, path) == 0 else {
            throw .writeFailed(path: path, reason: String(cString: strerror(errno)))
        }
        return count
    }
}

/// Keeps a local copy current while a follower reads the incident: every line the follower
/// fetches is written here too. A new copy is built beside the old one and takes its place
/// once the follower has caught up, so a store lost during start-up leaves the previous copy.
///
/// `@unchecked Sendable`: handed to the follower's one task and used only there, one call after
/// another; the compiler cannot see that nothing else touches it.
public final class LocalCopyWriter: @unchecked Sendable {
    public let copy: LocalCopy
    private let partialPath: String
    private var descriptor: Int32
    private var isInPlace = false
    /// Set once a write failed: the copy is then left alone, and the failure said once.
    public private(set) var failure: String?

    public init(copy: LocalCopy) throws(JournalError) {
        self.copy = copy
        partialPath = copy.path + ".partial-\(getpid())"
        let folder = (copy.path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .writeFailed(path: folder, reason: error.localizedDescription)
        }
        descriptor = open(partialPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_APPEND, 0o600)
        guard descriptor >= 0 else { throw .writeFailed(path: partialPath, reason: String(cString: strerror(errno))) }
    }

    deinit {
        close(descriptor)
        if !isInPlace { unlink(partialPath) }
    }

    public func append(_ lines: [[UInt8]]) {
        guard failure == nil, !lines.isEmpty else { return }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lines.reduce(0) { $0 + $1.count + 1 })
        for line in lines {
            bytes += line
            bytes.append(0x0A)
        }
        var start = 0
        while start < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + start, $0.count - start) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else {
                failure = "the local copy \(copy.path) is not kept up: \(String(cString: strerror(errno)))"
                return
            }
            start += written
        }
    }

    /// The follower has every line the store had: the new copy replaces the old one.
    public func caughtUp() {
        guard !isInPlace, failure == nil else { return }
        guard rename(partialPath, copy.path) == 0 else {
            failure = "the local copy \(copy.path) is not kept up: \(String(cString: strerror(errno)))"
            return
        }
        isInPlace = true
    }
}
