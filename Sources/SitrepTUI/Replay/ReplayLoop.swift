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
        while true {
            let timeout = session.secondsUntilNextChange.map { Int32(($0 * 1000).rounded(.up)) } ?? -1
            var input = pollfd(fd: backend.inputFileDescriptor ?? -1, events: Int16(POLLIN), revents: 0)
            _ = poll(&input, backend.inputFileDescriptor == nil ? 0 : 1, timeout)
            if let signal = backend.pendingTerminationSignal { return 128 + signal }
            if backend.inputFileDescriptor != nil, TerminalHangup.detected(input.revents) { return 128 + SIGHUP }
            var reaction = Reaction.none
            for key in backend.readKeys() {
                reaction.merge(session.handle(key))
                if reaction.quit { return 0 }
            }
            let now = Self.monotonicSeconds()
            session.advance(realSeconds: now - lastTick)
            lastTick = now
            if reaction.fullRepaint { backend.requestFullRepaint() }
            draw()
        }
    }

    private func draw() {
        let size = backend.size
        session.controller.noteLayout(width: size.width, height: size.height)
        let frame = session.controller.frame(now: session.clock.time, banner: session.banner)
        backend.draw(DashboardView.render(frame, width: size.width, height: size.height))
    }

    static func monotonicSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
