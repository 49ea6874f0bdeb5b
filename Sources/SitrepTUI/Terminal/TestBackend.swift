/// A terminal in memory for tests: it keeps the last screen drawn, counts draws and beeps, and
/// hands out keys the test queued.
public final class TestBackend: TerminalBackend {
    public private(set) var size: TerminalSize
    public private(set) var lastScreen: Screen?
    public private(set) var drawCount = 0
    public private(set) var beepCount = 0
    public private(set) var fullRepaintRequested = false
    public private(set) var theme: Theme
    public private(set) var isShutDown = false
    /// Set it to act as if a termination signal had arrived.
    public var pendingTerminationSignal: Int32?
    private var pendingKeys: [Key] = []

    public init(width: Int = 80, height: Int = 24, theme: Theme = .mono) {
        size = TerminalSize(width: width, height: height)
        self.theme = theme
    }

    public var inputFileDescriptor: Int32? { nil }

    public var stopSignalDescriptor: Int32? { nil }

    public func draw(_ screen: Screen) {
        lastScreen = screen
        drawCount += 1
        fullRepaintRequested = false
    }

    public func requestFullRepaint() {
        fullRepaintRequested = true
    }

    public func readKeys() -> [Key] {
        defer { pendingKeys.removeAll() }
        return pendingKeys
    }

    public func apply(_ theme: Theme) {
        self.theme = theme
        fullRepaintRequested = true
    }

    public func beep() {
        beepCount += 1
    }

    public func shutdown() {
        isShutDown = true
    }

    /// Queues keys for the next `readKeys()`.
    public func queue(_ keys: Key...) {
        pendingKeys += keys
    }

    /// Queues each character of `text` as a typed key.
    public func type(_ text: String) {
        pendingKeys += text.map { Key.character($0) }
    }

    /// Changes the size and queues `.resize`, as a real terminal would.
    public func resize(width: Int, height: Int) {
        size = TerminalSize(width: width, height: height)
        pendingKeys.append(.resize)
    }

    /// The last screen's lines, or nothing before the first draw.
    public var lines: [String] { lastScreen?.lines() ?? [] }
}
