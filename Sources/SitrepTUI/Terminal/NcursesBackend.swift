import CNcursesw
import IncidentCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the terminal could not be taken over.
public struct TerminalError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
}

/// The real terminal, through ncurses. One per process: ncurses keeps one global screen.
public final class NcursesBackend: TerminalBackend {
    private let screen: OpaquePointer
    private(set) var colors: CursesColors
    /// What the terminal shows now, to send only the difference; nil forces a full repaint.
    var shown: Screen?
    public private(set) var isShutDown = false

    /// Takes over the terminal on stdin/stdout. Throws when they are not a terminal or
    /// `$TERM` is unknown, and leaves the terminal untouched then.
    public init(theme: Theme) throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw TerminalError(description: "standard input and output must be a terminal")
        }
        // setlocale must come before ncurses starts, or it treats every byte above 127 as a
        // separate Latin-1 character and UTF-8 comes out as mojibake.
        UTF8Locale.adoptEnvironment()
        let modesBefore = TerminalRescue.currentModes()
        // newterm, unlike initscr, returns NULL on an unknown $TERM instead of exiting.
        guard let screen = newterm(nil, sitrep_stdout(), sitrep_stdin()) else {
            let term = getenv("TERM").map { String(cString: $0) } ?? "(unset)"
            throw TerminalError(description: "cannot use terminal type \"\(term)\"")
        }
        self.screen = screen
        set_term(screen)
        StopSignals.install()
        if let modesBefore { TerminalRescue.arm(restoring: modesBefore) }
        Self.configureInput()
        colors = CursesColors.start(theme: theme)
    }

    deinit {
        shutdown()
    }

    /// Raw mode so Ctrl-C, Ctrl-Z and Ctrl-S reach the key map instead of stopping the program
    /// or the output; keypad to get arrows as keys; a short escape delay so Esc feels instant
    /// while arrow-key sequences still arrive whole over ssh.
    private static func configureInput() {
        let window = sitrep_stdscr()
        raw()
        noecho()
        nonl()
        keypad(window, true)
        nodelay(window, true)
        sitrep_set_escdelay(25)
        curs_set(0)
        // The cursor is hidden, so ncurses need not move it back after each update.
        leaveok(window, true)
        defineFallbackKeys()
    }

    public var size: TerminalSize {
        TerminalSize(width: Int(sitrep_cols()), height: Int(sitrep_lines()))
    }

    public var inputFileDescriptor: Int32? { 0 }

    public var pendingTerminationSignal: Int32? { StopSignals.received }

    public var stopSignalDescriptor: Int32? { StopSignals.descriptor }

    public func requestFullRepaint() {
        shown = nil
    }

    public func apply(_ theme: Theme) {
        guard !isShutDown else { return }
        colors = CursesColors.start(theme: theme)
        shown = nil
    }

    public func beep() {
        guard !isShutDown else { return }
        CNcursesw.beep()
    }

    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        endwin()
        delscreen(screen)
        TerminalRescue.disarm()
        StopSignals.restore()
    }
}
