// `keys JOURNAL [--width 200] [--height 60]`: the live dashboard on a long incident (the issue's
// target: a 400,000-entry timeline), then each key a responder presses to look around: the time
// from handing the key over to the new frame rendered, as the loop does on every key. The
// ncurses diff after it (only changed cells are sent) is not counted. Target: 16 ms each.
import IncidentCore
import SitrepTUI

func benchmarkKeys(_ arguments: Arguments) throws {
    let store = FileJournal(path: arguments.journal)
    let controller = DashboardController(store: store, settings: DashboardSettings(actor: "bench"))
    let follower = try store.follow()
    repeat { controller.ingest(follower.readAvailable()) } while follower.isBehind
    controller.noteLayout(width: arguments.width, height: arguments.height)
    let now = Timestamp.now()
    print("journal        \(arguments.journal): \(controller.state.timeline.count) timeline entries")

    let presses: [(name: String, keys: [Key])] = [
        ("Tab to the timeline", [.tab]),
        ("Home", [.home]), ("End", [.end]), ("PgUp", [.pageUp]), ("PgDn", [.pageDown]),
        ("/ opens the filter", [.character("/")]),
        ("filter: c", [.character("c")]), ("filter: h", [.character("h")]), ("filter: e", [.character("e")]),
        ("Backspace", [.backspace]), ("Esc clears the filter", [.escape]),
        ("Home again", [.home]), ("End again", [.end]),
    ]
    var worst = 0.0
    for press in presses {
        var samples: [Double] = []
        // A key that changes nothing twice (Home at the top) is still measured: the work is the same.
        for key in press.keys {
            let start = ContinuousClock.now
            _ = controller.handle(key)
            _ = DashboardView.render(controller.frame(now: now), width: arguments.width, height: arguments.height)
            samples.append(milliseconds(start, ContinuousClock.now))
        }
        if press.keys == [.character("/")] { makeSearchText(controller) }
        let total = samples.reduce(0, +)
        worst = max(worst, total)
        print("  " + press.name.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: "%7.2f ms", total))
    }
    print("slowest key    \(String(format: "%.2f", worst)) ms (target <= 16 ms): \(worst <= 16 ? "met" : "not met")")
}

/// What the loop does once the prompt `/` opened is on screen, before the next key is read: the
/// filter's search text is made. Shown on its own line, not counted as a key.
private func makeSearchText(_ controller: DashboardController) {
    let start = ContinuousClock.now
    controller.prepareFilter()
    print("  " + "(search text made)".padding(toLength: 24, withPad: " ", startingAt: 0)
          + String(format: "%7.2f ms", milliseconds(start, ContinuousClock.now)))
}
