// `loop-first-frame JOURNAL`: the dashboard's own loop (`DashboardLoop`, as `sitrep` runs it) on a
// terminal in memory, from the start to the first frame drawn once the follower has caught up.
// Beside `first-frame`, which folds and renders once, it shows what the loop's catch-up draws and
// wake-ups add; beside speed-bench's tmux figure, what starting the process and the terminal add.
import Foundation
import IncidentCore
import SitrepTUI

func benchmarkLoopFirstFrame(_ arguments: Arguments) throws {
    let start = ContinuousClock.now
    let store = FileJournal(path: arguments.journal)
    let controller = DashboardController(store: store, settings: DashboardSettings(actor: "bench"))
    let follower = try store.follow()
    let backend = StoppingBackend(width: arguments.width, height: arguments.height) { !follower.isBehind }
    _ = DashboardLoop(controller: controller, backend: backend, follower: follower).run()
    let elapsed = milliseconds(start, backend.caughtUpAt ?? ContinuousClock.now)
    print("journal        \(arguments.journal): \(controller.state.eventCount) events")
    print("first frame    \(String(format: "%.0f", elapsed)) ms through the loop, after \(backend.draws - 1) catch-up draws")
}

/// A terminal in memory that ends the loop, as a stop signal would, after the first frame drawn
/// once `caughtUp` says so.
private final class StoppingBackend: TerminalBackend {
    let size: TerminalSize
    let caughtUp: () -> Bool
    private(set) var draws = 0
    private(set) var caughtUpAt: ContinuousClock.Instant?

    init(width: Int, height: Int, caughtUp: @escaping () -> Bool) {
        size = TerminalSize(width: width, height: height)
        self.caughtUp = caughtUp
    }

    var inputFileDescriptor: Int32? { nil }
    var stopSignalDescriptor: Int32? { nil }
    var pendingTerminationSignal: Int32? { caughtUpAt == nil ? nil : 15 }

    func draw(_ screen: Screen) {
        draws += 1
        if caughtUpAt == nil, caughtUp() { caughtUpAt = .now }
    }

    func requestFullRepaint() {}
    func readKeys() -> [Key] { [] }
    func apply(_ theme: Theme) {}
    func beep() {}
    func shutdown() {}
}
