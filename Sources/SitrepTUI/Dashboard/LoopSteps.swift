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

extension DashboardController {
    /// Lays the panes out for the terminal's current size and draws one frame on it.
    func draw(on backend: any TerminalBackend, now: Timestamp, banner: String?) {
        let size = backend.size
        noteLayout(width: size.width, height: size.height)
        backend.draw(DashboardView.render(frame(now: now, banner: banner), width: size.width, height: size.height))
    }
}
