import CNcursesw

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGTERM, SIGHUP and a SIGINT sent by `kill` (Ctrl-C itself arrives as a key in raw mode).
///
/// The handler only records the signal; the event loop reads `pending` after `poll()` wakes and
/// shuts the terminal down itself. Restoring the terminal inside the handler would need
/// `endwin()`, which allocates and writes through stdio and is not async-signal-safe; a handler
/// that interrupts ncurses halfway through an update could corrupt the terminal or deadlock.
/// A second signal while the first is pending kills the process, so a stuck loop can still be
/// stopped. All calls into the shim's signal storage stay in this file (see shim.h for why).
struct TerminationSignals {
    static let numbers: [Int32] = [SIGTERM, SIGHUP, SIGINT]

    private var previous: [Int32: sigaction] = [:]

    /// Installs the handlers, remembering what they replace.
    static func install() -> TerminationSignals {
        var installed = TerminationSignals()
        sitrep_clear_termination_signal()
        for number in numbers {
            var old = sigaction()
            if sitrep_install_termination_handler(number, &old) == 0 {
                installed.previous[number] = old
            }
        }
        return installed
    }

    /// Puts back the handlers that were there before, so signals after shutdown (while the app
    /// prints a report, say) act as the user expects.
    func restore() {
        for (number, old) in previous {
            var old = old
            sitrep_restore_signal_handler(number, &old)
        }
    }

    /// The signal received since `install`, if any.
    static var pending: Int32? {
        let number = sitrep_pending_termination_signal()
        return number == 0 ? nil : number
    }
}
