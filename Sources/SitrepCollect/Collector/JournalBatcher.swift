import Foundation
import IncidentCore
import Synchronization

/// Appends the collector's events on a thread of its own, so a slow `fsync` never holds up a
/// health check. Whatever arrives while one batch is being written goes out together in the
/// next: one lock and one `fsync` per batch, and no event waits behind more than one write.
/// A failed append keeps its events and tries again; nothing is dropped until the backlog
/// passes `backlogLimit`, and then the oldest samples go first and the log says so.
public final class JournalBatcher: Sendable {
    public static let backlogLimit = 50_000

    private struct State {
        var pending: [Event] = []
        var closing = false
        var dropped = 0
    }

    private let store: any JournalStore
    private let log: @Sendable (String) -> Void
    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    public init(store: any JournalStore, log: @escaping @Sendable (String) -> Void) {
        self.store = store
        self.log = log
        let thread = Thread { [self] in writeUntilClosed() }
        thread.name = "sitrep journal writer"
        thread.start()
    }

    public func submit(_ events: [Event]) {
        guard !events.isEmpty else { return }
        state.withLock { state in
            state.pending.append(contentsOf: events)
            let excess = state.pending.count - Self.backlogLimit
            if excess > 0 {
                state.pending.removeFirst(excess)
                state.dropped += excess
            }
        }
        wake.signal()
    }

    /// Writes what is pending and stops the thread; waits at most `timeout` for the last write.
    public func close(timeout: Duration = .seconds(15)) {
        state.withLock { $0.closing = true }
        wake.signal()
        if finished.wait(timeout: .now() + timeout.seconds) == .timedOut {
            log("journal writer did not finish within \(DurationSetting.text(timeout)); some events may not be written")
        }
    }

    private func writeUntilClosed() {
        var retryPause = 0.5
        while true {
            wake.wait()
            let (batch, closing, dropped) = state.withLock { state in
                defer { state.pending.removeAll(keepingCapacity: true); state.dropped = 0 }
                return (state.pending, state.closing, state.dropped)
            }
            if dropped > 0 { log("journal: \(dropped) oldest events dropped; the backlog passed \(Self.backlogLimit) while appends failed") }
            if !batch.isEmpty {
                do {
                    try store.appendAll(batch)
                    retryPause = 0.5
                } catch {
                    log("cannot append to the journal: \(error); keeping \(batch.count) events and trying again")
                    state.withLock { $0.pending.insert(contentsOf: batch, at: 0) }
                    if closing { break }
                    Thread.sleep(forTimeInterval: retryPause)
                    retryPause = min(retryPause * 2, 10)
                    wake.signal()
                    continue
                }
            }
            if closing { break }
        }
        finished.signal()
    }
}
