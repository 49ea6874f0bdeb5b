#if canImport(Glibc)
import Glibc
#endif

/// Long-running commands (`collect`, `receive`) stop cleanly on Ctrl-C, SIGTERM or a hang-up:
/// the handler only writes to a pipe, and the main thread, blocked reading it, does the rest.
/// A second signal exits at once.
/// A handler rather than an ignored signal, because an ignored signal would be inherited by
/// every command the collector runs.
enum StopSignals {
    nonisolated(unsafe) private static var writeEnd: Int32 = -1
    nonisolated(unsafe) private static var readEnd: Int32 = -1
    nonisolated(unsafe) private static var received = false

    static func install() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return }
        readEnd = ends[0]
        writeEnd = ends[1]
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number) { number in
                // A second Ctrl-C while a clean stop hangs (a journal lock held elsewhere) means
                // "now": only async-signal-safe calls here.
                if StopSignals.received { _exit(130) }
                StopSignals.received = true
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(StopSignals.writeEnd, &byte, 1)
            }
        }
    }

    /// Blocks until one of the signals arrives, and names it.
    static func wait() -> String {
        var byte: UInt8 = 0
        while read(readEnd, &byte, 1) < 0 && errno == EINTR {}
        switch Int32(byte) {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        default: return "SIGHUP"
        }
    }
}
