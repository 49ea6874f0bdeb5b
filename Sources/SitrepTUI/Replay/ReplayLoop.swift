import IncidentCore

#if canImport(Glibc)
import Glibc
#endif

/// Replay's event loop: sleeps until the next event is due at the current speed (or a quarter
/// second, to move the clock on screen), and while paused sleeps until a key arrives.
public struct ReplayLoop {
    let session: ReplaySession
    let backend: any TerminalBackend

    public init(session: ReplaySession, backend: any TerminalBackend) {
        self.session = session
        self.backend = backend
    }

    public func run() -> Int32 {
        defer { backend.shutdown() }
        var lastTick = Self.monotonicSeconds()
        draw()
        session.startIndexing()
        while true {
            let untilChange = session.secondsUntilNextChange.map { Int32(($0 * 1000).rounded(.up)) } ?? -1
            let timeout = WakeDeadline.timeout(untilChange, until: session.messageDeadline)
            let terminalGone = WakeSources.wait(backend: backend, timeoutMilliseconds: timeout)
            let reaction: Reaction
            switch Wake.read(from: backend, terminalGone: terminalGone, handle: { session.handle($0) }) {
            case .exit(let status): return status
            case .keys(let keys): reaction = keys
            }
            let now = Self.monotonicSeconds()
            session.advance(realSeconds: now - lastTick)
            lastTick = now
            _ = session.fadeMessage()
            _ = session.takeRecording()
            if reaction.fullRepaint { backend.requestFullRepaint() }
            draw()
        }
    }

    private func draw() {
        session.draw(on: backend)
    }

    static func monotonicSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
