import CNcursesw
import CSignals

#if canImport(Glibc)
import Glibc
#endif

/// Gives the terminal back even when the program cannot: on a crash, or when the event loop does
/// not end within a watchdog's time after a stop signal (a reader stuck in a slow read).
///
/// `endwin()` allocates and writes through stdio, so it cannot run in a signal handler. Instead,
/// everything the handler needs is prepared here, while ncurses is healthy: the terminal's modes
/// from before the takeover, and the bytes that leave the alternate screen, show the cursor and
/// reset colours. The handler (C, in CSignals) only calls `write` and `tcsetattr`.
enum TerminalRescue {
    /// How long the loop has to end by itself after a stop signal before the watchdog ends it.
    static let watchdogMilliseconds: Int32 = 700

    /// The terminal's modes now: call before ncurses changes them.
    static func currentModes() -> termios? {
        var modes = termios()
        return tcgetattr(STDOUT_FILENO, &modes) == 0 ? modes : nil
    }

    /// Arms the rescue for a terminal that ncurses has taken over; `modes` are the ones to put back.
    static func arm(restoring modes: termios) {
        let bytes = Array(restoreSequence().utf8)
        var modes = modes
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { text in
                _ = sitrep_rescue_arm(STDOUT_FILENO, &modes, text.baseAddress, text.count, watchdogMilliseconds)
            }
        }
    }

    static func disarm() {
        sitrep_rescue_disarm()
    }

    /// The terminfo strings `endwin()` would send: attributes off, cursor shown, keypad back to
    /// normal, alternate screen left; then a new line so a message that follows starts clean.
    private static func restoreSequence() -> String {
        var text = ""
        for capability in ["sgr0", "cnorm", "rmkx", "rmcup"] {
            guard let value = tigetstr(capability), Int(bitPattern: value) != -1 else { continue }
            text += String(cString: value)
        }
        return text + "\r\n"
    }
}
