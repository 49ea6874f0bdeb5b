/// The terminal's size in cells.
public struct TerminalSize: Equatable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// What the dashboard needs from a terminal: its size, a way to show a `Screen`, and keys.
///
/// A backend is owned by the one event loop that draws and reads keys; it is not `Sendable`,
/// so the compiler keeps it there.
public protocol TerminalBackend: AnyObject {
    var size: TerminalSize { get }

    /// The descriptor to `poll()` for key input alongside other descriptors, or nil when keys
    /// arrive some other way (tests). After poll wakes for any reason, call `readKeys()`.
    var inputFileDescriptor: Int32? { get }

    /// Shows `screen`, sending only what changed since the last draw. A screen smaller than the
    /// terminal is drawn at the top left; one larger is clipped.
    func draw(_ screen: Screen)

    /// Makes the next `draw` repaint everything, for Ctrl-L after another program scribbled on
    /// the terminal.
    func requestFullRepaint()

    /// SIGTERM, SIGHUP or SIGINT from `kill` received since the backend started: the loop
    /// should call `shutdown()` and exit with status 128 + the signal. Check it whenever
    /// `poll()` returns.
    var pendingTerminationSignal: Int32? { get }

    /// Readable once a stop signal has arrived: poll it with the input, so that a signal
    /// delivered to any thread wakes the loop at once. Nil when signals are not watched (tests).
    var stopSignalDescriptor: Int32? { get }

    /// Every key that has arrived, without waiting. `.resize` is among them after the terminal
    /// changed size; `size` already tells the new size by then.
    func readKeys() -> [Key]

    /// Draws future frames with `theme`; the next draw repaints everything.
    func apply(_ theme: Theme)

    func beep()

    /// Gives the terminal back as it was. Safe to call more than once.
    func shutdown()
}
