import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A journal must be a regular file. Before, readers blocked in open() on a FIFO, read /dev/full's
/// endless zeros at full CPU, and showed an empty incident for a directory.
@Suite(.oneAtATime) struct SpecialFileTests {
    enum Special: String, CaseIterable, Sendable {
        case fifo, directory, devFull, socket

        var kind: String {
            switch self {
            case .fifo: "FIFO (named pipe)"
            case .directory: "directory"
            case .devFull: "character device"
            case .socket: "socket"
            }
        }
    }

    /// Every command that opens the journal, the dashboard and `replay` among them: each refuses
    /// before it would take over the terminal, so no terminal is needed to see it.
    static let commands: [[String]] = [
        ["timeline"], ["timeline", "-f"], ["summary"], ["report"], ["verify"], ["replay"],
        ["note", "checking the journal"], ["dashboard"],
    ]

    @Test(arguments: Special.allCases)
    func everyCommandRefusesWithOneLineSayingWhatItIs(_ special: Special) throws {
        let scratch = TemporaryFolder()
        let (path, cleanUp) = try make(special, in: scratch)
        defer { cleanUp() }
        let cli = CLI(folder: scratch.path)
        for command in Self.commands {
            let arguments = command + ["-j", path]
            guard let result = try cli.run(arguments, within: 10) else {
                Issue.record("sitrep \(arguments.joined(separator: " ")) still running after 10 s")
                continue
            }
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr == "sitrep: \(path): is a \(special.kind), not a regular file; a journal must be a regular file\n",
                    "\(arguments): \(result.stderr)")
        }
    }

    private func make(_ special: Special, in scratch: TemporaryFolder) throws -> (String, () -> Void) {
        let path = scratch.file("incident.jsonl")
        switch special {
        case .fifo:
            #expect(mkfifo(path, 0o600) == 0)
        case .directory:
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case .devFull:
            return ("/dev/full", {})
        case .socket:
            let socket = try UnixSocket(boundAt: path)
            return (path, { socket.close() })
        }
        return (path, {})
    }
}

/// A unix socket bound at a path, so that the path names a socket file.
struct UnixSocket {
    let descriptor: Int32

    init(boundAt path: String) throws {
        descriptor = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        precondition(bytes.count < MemoryLayout.size(ofValue: address.sun_path), "socket path too long")
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    func close() { _ = Glibc.close(descriptor) }
}
