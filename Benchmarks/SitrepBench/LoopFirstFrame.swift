// `loop-first-frame JOURNAL`: the dashboard's own loop (`DashboardLoop`, as `sitrep` runs it) on a
// terminal in memory, from the start to the first frame drawn once the follower has caught up, and
// (a long journal's first read leaving its earlier samples to a fold in the background) to the
// first frame drawn with the whole history.
// Beside `first-frame`, which folds and renders once, it shows what the loop's catch-up draws and
// wake-ups add; beside speed-bench's tmux figure, what starting the process and the terminal add.
import Foundation
import IncidentCore
import SitrepTUI

func benchmarkLoopFirstFrame(_ arguments: Arguments) throws {
    let start = ContinuousClock.now
    let store = FileJournal(path: arguments.journal)
    let controller = DashboardController(store: store, settings: DashboardSettings(actor: "bench"))
    let follower = try store.follow(previewingLongHistory: true)
    let backend = StoppingBackend(width: arguments.width, height: arguments.height,
                                  caughtUp: { !follower.isBehind }, whole: { !controller.isReadingHistory })
    _ = DashboardLoop(controller: controller, backend: backend, follower: follower).run()
    let caughtUp = milliseconds(start, backend.caughtUpAt ?? ContinuousClock.now)
    let whole = milliseconds(start, backend.wholeAt ?? ContinuousClock.now)
    print("journal        \(arguments.journal): \(controller.state.eventCount) events")
    print("first frame    \(String(format: "%.0f", caughtUp)) ms through the loop, after \(backend.draws - 1) draws in all")
    print("whole history  \(String(format: "%.0f", whole)) ms")
}

/// A terminal in memory that notes the first frame drawn once `caughtUp` says so, and ends the
/// loop, as a stop signal would, after the first frame drawn once `whole` says so too.
private final class StoppingBackend: TerminalBackend {
    let size: TerminalSize
    let caughtUp: () -> Bool
    let whole: () -> Bool
    private(set) var draws = 0
    private(set) var caughtUpAt: ContinuousClock.Instant?
    private(set) var wholeAt: ContinuousClock.Instant?

    init(width: Int, height: Int, caughtUp: @escaping () -> Bool, whole: @escaping () -> Bool) {
        size = TerminalSize(width: width, height: height)
        self.caughtUp = caughtUp
        self.whole = whole
    }

    var inputFileDescriptor: Int32? { nil }
    var stopSignalDescriptor: Int32? { nil }
    var pendingTerminationSignal: Int32? { wholeAt == nil ? nil : 15 }

    func draw(_ screen: Screen) {
        draws += 1
        if caughtUpAt == nil, caughtUp() { caughtUpAt = .now }
        if caughtUpAt != nil, wholeAt == nil, whole() { wholeAt = .now }
    }

    func requestFullRepaint() {}
    func readKeys() -> [Key] { [] }
    func apply(_ theme: Theme) {}
    func beep() {}
    func shutdown() {}
}
