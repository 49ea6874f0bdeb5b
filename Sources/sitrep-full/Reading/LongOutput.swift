import IncidentCore
import SitrepRecording
#if canImport(Glibc)
import Glibc
#endif

/// Standard output for the commands that print a whole journal's worth (`timeline`, `report`):
/// lines are gathered as bytes and written a megabyte at a time. `Output.lines` joins them into
/// one String and scans it again by Unicode scalar, which cost a third of printing a large
/// timeline. The safety net stays the same: a line holding anything `SafeText` escapes (none
/// should, their journal text is escaped already) is printed escaped, as `Output` prints it.
struct LongOutput {
    private static let flushBytes = 1 << 20

    private var text = TextBytes()

    /// Adds one line that `build` writes (without its newline).
    mutating func line(_ build: (inout TextBytes) -> Void) {
        build(&text)
        text.append(byte: 0x0A)
        if text.count >= Self.flushBytes { flush() }
    }

    /// Adds whole lines, each ending in its newline, written elsewhere: written out at once,
    /// after what was gathered before them.
    mutating func lines(_ bytes: [UInt8]) {
        flush()
        bytes.withUnsafeBytes { Self.writeLines($0) }
    }

    /// Adds text that may hold several lines, with a newline after it (as `Output.line`).
    mutating func line(_ whole: String) {
        line { $0.append(whole) }
    }

    mutating func flush() {
        text.bytes.withUnsafeBytes { Self.writeLines($0) }
        text.removeAll()
    }

    /// Whole lines, each ending in a newline.
    private static func writeLines(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        if EscapeScan.isTerminalSafe(bytes, allowingNewlines: true) {
            write(bytes)
        } else {
            // Each line is escaped on its own, as `Output` does.
            let escaped = Output.terminalSafe(String(String(decoding: bytes, as: UTF8.self).dropLast()))
            Array(escaped.utf8).withUnsafeBytes { write($0) }
        }
    }

    private static func write(_ bytes: UnsafeRawBufferPointer) {
        var done = 0
        while done < bytes.count {
            let written = retryingOnInterrupt { Glibc.write(STDOUT_FILENO, bytes.baseAddress! + done, bytes.count - done) }
            guard written > 0 else { return }
            done += written
        }
    }
}
