#if canImport(Glibc)
import Glibc
#endif

/// Where messages go: results on stdout, problems on stderr. Written straight to the descriptors,
/// unbuffered, so a follower piped into another program is never held back; callers that print
/// many lines join them and write once.
enum Output {
    static func line(_ text: String) { write(text + "\n", to: STDOUT_FILENO) }

    static func lines(_ texts: [String]) {
        guard !texts.isEmpty else { return }
        write(texts.joined(separator: "\n") + "\n", to: STDOUT_FILENO)
    }

    /// A problem with the input that does not stop the command, such as a bad journal line.
    static func warning(_ text: String) { write(text + "\n", to: STDERR_FILENO) }

    static func error(_ text: String) { write("sitrep: " + text + "\n", to: STDERR_FILENO) }

    private static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}

/// An error whose text is the whole message, printed as `sitrep: <text>` with exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
