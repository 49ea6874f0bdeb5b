import IncidentCore

#if canImport(Glibc)
import Glibc
#endif

/// What the dashboard's and the replay's loops do once woken: end the program, or act on what
/// the keys asked for.
enum Wake {
    case exit(status: Int32)
    case keys(Reaction)

    /// A termination signal ends with 128 + it, a terminal gone with 128 + SIGHUP, and a key
    /// that quits with 0; otherwise the keys' reactions, merged.
    static func read(from backend: any TerminalBackend, terminalGone: Bool, handle: (Key) -> Reaction) -> Wake {
        if let signal = backend.pendingTerminationSignal { return .exit(status: 128 + signal) }
        if terminalGone { return .exit(status: 128 + SIGHUP) }
        var reaction = Reaction.none
        for key in backend.readKeys() {
            reaction.merge(handle(key))
            if reaction.quit { return .exit(status: 0) }
        }
        return .keys(reaction)
    }
}

/// What an event loop sleeps on: the keyboard, the stop-signal pipe and, for the live dashboard,
/// the journal.
enum WakeSources {
    /// Waits until one of them is ready or `timeoutMilliseconds` pass (-1: no limit); true when
    /// the terminal has gone away (its tmux pane or ssh session closed without a SIGHUP reaching
    /// us). Polling a hung-up terminal returns at once, so carrying on would spin.
    static func wait(backend: any TerminalBackend, journal: Int32? = nil, timeoutMilliseconds: Int32) -> Bool {
        var descriptors: [pollfd] = []
        for descriptor in [backend.inputFileDescriptor, backend.stopSignalDescriptor, journal] {
            guard let descriptor, descriptor >= 0 else { continue }
            descriptors.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0))
        }
        _ = poll(&descriptors, nfds_t(descriptors.count), timeoutMilliseconds)
        guard let input = backend.inputFileDescriptor, input >= 0 else { return false }
        return TerminalHangup.detected(descriptors[0].revents)
    }
}

/// When a loop must wake although nothing arrives: the footer's information fading.
enum WakeDeadline {
    /// `limit` milliseconds (-1: none), or fewer if `deadline` comes first: a timed wake-up for a
    /// change that is due, instead of a loop that polls for it.
    static func timeout(_ limit: Int32, until deadline: ContinuousClock.Instant?,
                        now: ContinuousClock.Instant = .now) -> Int32 {
        guard let deadline else { return limit }
        let (seconds, attoseconds) = now.duration(to: deadline).components
        let milliseconds = max(0, seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
        let capped = Int32(clamping: milliseconds)
        return limit < 0 ? capped : min(limit, capped)
    }
}

/// The draw step both loops share: the mode learns the terminal's size, then its frame is drawn.
enum DrawStep {
    static func draw(on backend: any TerminalBackend, layout: (_ width: Int, _ height: Int) -> Void,
                     frame: () -> DashboardFrame) {
        let size = backend.size
        layout(size.width, size.height)
        backend.draw(DashboardView.render(frame(), width: size.width, height: size.height))
    }
}
