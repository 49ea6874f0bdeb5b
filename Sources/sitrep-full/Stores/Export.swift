import ArgumentParser
import IncidentCore
import JournalPostgres
import SitrepRecording

#if canImport(Glibc)
import Glibc
#endif

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the journal's exact lines to stdout: an incident in a store becomes a file journal.",
        discussion: """
            The file holds the same bytes, so `sitrep verify` on it prints the same head as on the \
            store. Example: sitrep export -j postgresql://alice@db/incidents#checkout > checkout.jsonl
            """)

    @OptionGroup var journal: JournalOption

    func run() throws {
        // The exact bytes may hold anything a bad line held: they go to a file, never a terminal.
        guard isatty(STDOUT_FILENO) == 0 else {
            throw CommandFailure("export writes the journal's exact bytes; send them to a file: sitrep export -j \(journal.name) > incident.jsonl")
        }
        let store = try journal.existingStore()
        var output = RawOutput()
        if let file = store as? FileJournal {
            try output.copy(file: file.path)
        } else if let stored = store as? PostgresJournal {
            try JournalLocation.failing { () throws(JournalError) in
                try stored.readLines { _, bytes in output.append(line: bytes) }
            }
        }
        try output.flush()
    }
}

/// Bytes to stdout as they are, in large writes; a failed write (a full disk) is an error, not
/// a short file that looks whole.
struct RawOutput {
    private var buffer: [UInt8] = []
    private var failure: Int32?

    mutating func append(line: [UInt8]) {
        buffer.append(contentsOf: line)
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { try? flush() }
    }

    mutating func copy(file path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CommandFailure("cannot open \(SafeText.escape(path)): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = retryingOnInterrupt { chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) } }
            guard count > 0 else {
                if count < 0 { throw CommandFailure("cannot read \(SafeText.escape(path)): \(String(cString: strerror(errno)))") }
                return
            }
            buffer.append(contentsOf: chunk[..<count])
            try flush()
        }
    }

    mutating func flush() throws {
        if failure == nil {
            var start = 0
            while start < buffer.count {
                let written = retryingOnInterrupt {
                    buffer.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress! + start, $0.count - start) }
                }
                guard written > 0 else { failure = errno; break }
                start += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
        if let failure { throw CommandFailure("cannot write the export: \(String(cString: strerror(failure)))") }
    }
}
