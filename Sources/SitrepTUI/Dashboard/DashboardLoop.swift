import IncidentCore

#if canImport(Glibc)
import Glibc
#endif

/// The event loop: waits on the keyboard and the journal together, never spinning.
///
/// It blocks in `poll()` until a key arrives, the journal changes (inotify), or the next whole
/// second, when the header's clock needs a new value. At most a second apart it also asks the
/// follower to look, which covers filesystems where inotify stays silent. It draws only when
/// something changed, and the backend sends only the cells that differ.
public struct DashboardLoop {
    let controller: DashboardController
    let backend: any TerminalBackend
    let follower: any JournalFollowing
    let clock: () -> Timestamp
    /// Shown in the header's second row, e.g. `DEMO 2×`.
    let banner: String?
    /// Asked at every wake-up for trouble elsewhere (the demo's player failing to write); a
    /// message it returns is shown once, as an error.
    let troubleCheck: () -> String?

    public init(controller: DashboardController, backend: any TerminalBackend, follower: any JournalFollowing,
                banner: String? = nil, troubleCheck: @escaping () -> String? = { nil },
                clock: @escaping () -> Timestamp = { .now() }) {
        self.controller = controller
        self.backend = backend
        self.follower = follower
        self.banner = banner
        self.troubleCheck = troubleCheck
        self.clock = clock
    }

    /// How often the screen shows a journal still being read (its first load, or a burst).
    static let catchUpDrawInterval = Duration.milliseconds(200)

    /// Runs until the user quits (0) or a termination signal arrives (128 + the signal).
    public func run() -> Int32 {
        defer { backend.shutdown() }
        // Freed once the first frame is drawn: a long journal's first read is a lot to free.
        var firstRead = follower.readAvailable()
        controller.ingest(firstRead)
        var lastDrawnSecond: Int64 = -1
        var lastDrawn = ContinuousClock.now - Self.catchUpDrawInterval  // the first frame at once
        var needsDraw = true
        var keysAsked = false
        var reportedTrouble: String?
        while true {
            let now = clock()
            let second = now.microseconds / 1_000_000
            if controller.fadeMessage() { needsDraw = true }
            // While a long journal is read, a frame per chunk cost more than the reading: the
            // journal's changes are drawn at most every `catchUpDrawInterval`; keys at once.
            let catchingUp = follower.isBehind && !keysAsked && lastDrawn.duration(to: ContinuousClock.now) < Self.catchUpDrawInterval
            if (needsDraw || second != lastDrawnSecond) && !catchingUp {
                controller.draw(on: backend, now: now, banner: banner)
                lastDrawnSecond = second
                lastDrawn = ContinuousClock.now
                needsDraw = false
                // Without this use, the optimiser frees the records right after `ingest`.
                withExtendedLifetime(firstRead) {}
                firstRead = []
            }
            let untilNextSecond = Int32(1000 - (now.microseconds % 1_000_000) / 1000)
            let deadline = [controller.messageDeadline, controller.historyDeadline].compactMap { $0 }.min()
            let timeout = follower.isBehind ? 0 : WakeDeadline.timeout(max(1, untilNextSecond), until: deadline)
            let terminalGone = WakeSources.wait(backend: backend, journal: follower.descriptor, timeoutMilliseconds: timeout)
            var reaction: Reaction
            switch Wake.read(from: backend, terminalGone: terminalGone, handle: { controller.handle($0) }) {
            case .exit(let status): return status
            case .keys(let keys): reaction = keys
            }
            keysAsked = reaction.redraw
            reaction.merge(controller.ingest(follower.readAvailable()))
            reaction.merge(controller.takeHistory())
            if let trouble = troubleCheck(), trouble != reportedTrouble {
                controller.show(trouble, error: true)
                reportedTrouble = trouble
                reaction.redraw = true
            }
            if reaction.beep { backend.beep() }
            if reaction.fullRepaint { backend.requestFullRepaint() }
            needsDraw = needsDraw || reaction.redraw
        }
    }
}
