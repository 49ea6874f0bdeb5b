#if canImport(Glibc)
import Glibc
#endif
import IncidentCore

/// Where messages go: results on stdout, problems on stderr. Written straight to the descriptors,
/// unbuffered, so a follower piped into another program is never held back; callers that print
/// many lines join them and write once.
///
/// This is the one way out to a terminal, and it escapes every line with `SafeText` (newlines
/// between lines stay newlines): whatever a command prints, from a journal, an alert, a scrape,
/// a config, an argument or a library's message, no control character reaches the terminal raw,
/// even from a command that forgot to escape. Text already escaped comes through unchanged.
public enum Output {
    public static func line(_ text: String) { write(text, to: STDOUT_FILENO) }

    public static func lines(_ texts: [String]) {
        guard !texts.isEmpty else { return }
        write(texts.joined(separator: "\n"), to: STDOUT_FILENO)
    }

    /// A question on stdout, the answer typed after it on the same line.
    public static func prompt(_ text: String) {
        var bytes = Array(SafeText.escape(text).utf8)[...]
        while !bytes.isEmpty {
            let written = retryingOnInterrupt { bytes.withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) } }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }

    /// A problem with the input that does not stop the command, such as a bad journal line.
    public static func warning(_ text: String) { write(text, to: STDERR_FILENO) }

    public static func error(_ text: String) { write("sitrep: " + text, to: STDERR_FILENO) }

    /// `text` escaped line by line, with a newline at the end.
    public static func terminalSafe(_ text: String) -> String {
        // Nearly always nothing to escape: one scan, no copy of every line.
        guard text.unicodeScalars.contains(where: { $0 != "\n" && SafeText.needsEscape($0) }) else { return text + "\n" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { SafeText.escape(String($0)) }
            .joined(separator: "\n") + "\n"
    }

    private static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(terminalSafe(text).utf8)[...]
        while !bytes.isEmpty {
            let written = retryingOnInterrupt { bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) } }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}
