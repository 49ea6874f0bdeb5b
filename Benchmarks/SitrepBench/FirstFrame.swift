import IncidentCore
import JournalPostgres
import SitrepTUI

/// The dashboard's start on a big incident: from nothing to the first frame that shows all of
/// it, with the follower the dashboard uses, for a file or an incident in a store.
///
///   sitrep-bench first-frame JOURNAL|postgresql://USER@HOST:PORT/DB#INCIDENT [--runs 3]
func benchmarkFirstFrame(_ arguments: Arguments) throws {
    let store: any JournalStore
    if PostgresAddress.isAddress(arguments.journal) {
        let stored = PostgresJournal(address: try PostgresAddress.parse(arguments.journal))
        try stored.open()
        store = stored
    } else {
        store = FileJournal(path: arguments.journal)
    }
    var lines = 0
    try store.read { _ in lines += 1 }
    var samples: [Double] = []
    for _ in 0..<max(1, arguments.runs) {
        let start = ContinuousClock.now
        let controller = DashboardController(store: store, settings: DashboardSettings(actor: "bench"))
        let follower = try store.follow()
        var seen = 0
        while seen < lines {
            let updates = follower.readAvailable()
            seen += updates.filter { if case .record = $0 { true } else { false } }.count
            controller.ingest(updates)
            if !follower.isBehind, seen < lines { follower.wait(timeoutMilliseconds: 100) }
        }
        controller.noteLayout(width: arguments.width, height: arguments.height)
        _ = DashboardView.render(controller.frame(), width: arguments.width, height: arguments.height)
        samples.append(milliseconds(start, ContinuousClock.now))
    }
    samples.sort()
    print("journal        \(store.location): \(lines) lines")
    print("first frame    median \(String(format: "%.0f", samples[samples.count / 2])) ms, best \(String(format: "%.0f", samples[0])) ms over \(samples.count) starts (follow, fold every line, draw \(arguments.width)x\(arguments.height))")
}
