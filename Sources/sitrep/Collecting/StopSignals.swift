import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Long-running commands (`collect`, `receive`) stop cleanly on Ctrl-C, SIGTERM or a hang-up:
/// the handler only writes to a pipe, and the main thread, blocked reading it, does the rest.
/// A second signal exits at once.
/// A handler rather than an ignored signal, because an ignored signal would be inherited by
/// every command the collector runs.
enum StopSignals {
    // Atomics: the handler may touch nothing that takes a lock or allocates.
    private static let writeEnd = Atomic<Int32>(-1)
    private static let received = Atomic<Bool>(false)
    nonisolated(unsafe) private static var readEnd: Int32 = -1

    static func install() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return }
        readEnd = ends[0]
        writeEnd.store(ends[1], ordering: .sequentiallyConsistent)
        _ = received.load(ordering: .relaxed)  // initialised here, not first in the handler
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number) { number in
                // A second Ctrl-C while a clean stop hangs (a journal lock held elsewhere) means
                // "now": only async-signal-safe calls here.
                if StopSignals.received.exchange(true, ordering: .sequentiallyConsistent) { _exit(128 + number) }
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(StopSignals.writeEnd.load(ordering: .sequentiallyConsistent), &byte, 1)
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
