import CSignals

#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C sent by `kill`, SIGTERM and SIGHUP, for every command that runs until stopped: the
/// dashboard, replay and drill, `collect` and `receive`.
///
/// The handler (C, in CSignals) only records the signal and writes a byte to a pipe. The event
/// loops poll the pipe's read end beside the keyboard and the journal, so a signal wakes them at
/// once whichever thread the kernel delivered it to; `collect` and `receive` block on it. A second
/// signal while the first is being handled ends the process with the signal's default action.
/// A handler rather than an ignored signal, because an ignored signal would be inherited by every
/// command the collector runs.
public enum StopSignals {
    /// Installs the handlers, forgetting any signal received before.
    public static func install() {
        _ = sitrep_stop_signals_install()
    }

    /// Puts back the handlers that were there before `install`, so a signal after a full-screen
    /// view has ended (while a report prints, say) acts as the user expects.
    public static func restore() {
        sitrep_stop_signals_restore()
    }

    /// Readable once a stop signal has arrived: poll it beside other descriptors (-1 before
    /// the first `install`).
    public static var descriptor: Int32 { sitrep_stop_signals_descriptor() }

    /// The signal received since `install`, if any.
    public static var received: Int32? {
        let number = sitrep_stop_signal_received()
        return number == 0 ? nil : number
    }

    /// Blocks until a stop signal arrives, and names it.
    public static func wait() -> String {
        var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while received == nil {
            _ = poll(&waiting, 1, -1)
        }
        return name(of: received ?? SIGTERM)
    }

    public static func name(of number: Int32) -> String {
        switch number {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP"
        default: return "signal \(number)"
        }
    }
}
