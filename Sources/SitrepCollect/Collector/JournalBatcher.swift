import Foundation
import IncidentCore
import Synchronization

/// Appends the collector's events on a thread of its own, so a slow `fsync` never holds up a
/// health check. Whatever arrives while one batch is being written goes out together in the
/// next: one lock and one `fsync` per batch, and no event waits behind more than one write.
/// A failed append keeps its events and tries again. Only past `backlogLimit` events are
/// dropped, samples first (the next heartbeat repeats them; an alert is written once), and the
/// log says how many.
public final class JournalBatcher: Sendable {
    public static let backlogLimit = 50_000

    private struct State {
        var pending: [Event] = []
        /// Taken by the writer and not yet written.
        var inFlight = 0
        var closing = false
        /// `close` stopped waiting: the writer gives up instead of retrying.
        var abandoned = false
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
            state.dropped += Self.trim(&state.pending, to: Self.backlogLimit)
        }
        wake.signal()
    }

    /// Writes what is pending, retrying failed appends for up to `timeout`, and stops the
    /// writer. Returns how many events could not be written.
    public func close(timeout: Duration = .seconds(15)) -> Int {
        state.withLock { $0.closing = true }
        wake.signal()
        guard finished.wait(timeout: .now() + timeout.seconds) == .timedOut else { return 0 }
        return state.withLock { state in
            state.abandoned = true
            return state.pending.count + state.inFlight
        }
    }

    /// Drops the oldest events beyond `limit`, samples before anything else; returns how many.
    static func trim(_ pending: inout [Event], to limit: Int) -> Int {
        let excess = pending.count - limit
        guard excess > 0 else { return 0 }
        var samplesToDrop = min(excess, pending.lazy.filter(\.kind.isSample).count)
        pending = pending.filter { event in
            guard samplesToDrop > 0, event.kind.isSample else { return true }
            samplesToDrop -= 1
            return false
        }
        if pending.count > limit { pending.removeFirst(pending.count - limit) }
        return excess
    }

    private func writeUntilClosed() {
        var retryPause = 0.5
        while true {
            wake.wait()
            let (batch, dropped, abandoned) = state.withLock { state in
                defer { state.pending.removeAll(keepingCapacity: true); state.dropped = 0 }
                state.inFlight = state.abandoned ? 0 : state.pending.count
                return (state.abandoned ? [] : state.pending, state.dropped, state.abandoned)
            }
            // Past close's deadline nothing more is written: a write now could be cut off by exit.
            if abandoned { break }
            if dropped > 0 { log("journal: \(dropped) oldest events dropped; the backlog passed \(Self.backlogLimit) while appends failed") }
            if !batch.isEmpty {
                do {
                    try store.appendAll(batch)
                    state.withLock { $0.inFlight = 0 }
                    retryPause = 0.5
                } catch .eventTooLarge {
                    // Retrying cannot help, and must not hold back the rest of the batch.
                    appendOneByOne(batch)
                    state.withLock { $0.inFlight = 0 }
                } catch {
                    log("cannot append to the journal: \(error); keeping \(batch.count) events and trying again")
                    let abandoned = state.withLock { state in
                        state.pending.insert(contentsOf: batch, at: 0)
                        state.inFlight = 0
                        return state.abandoned
                    }
                    if abandoned { break }
                    Thread.sleep(forTimeInterval: retryPause)
                    retryPause = min(retryPause * 2, 5)
                    wake.signal()
                    continue
                }
            }
            if state.withLock({ $0.closing && $0.pending.isEmpty }) { break }
        }
        finished.signal()
    }

    private func appendOneByOne(_ batch: [Event]) {
        var unwritten: [Event] = []
        for event in batch {
            do {
                try store.append(event)
            } catch .eventTooLarge(let bytes, let limit) {
                log("journal: a \(event.kind.name) event of \(bytes) bytes is over the \(limit)-byte line limit; dropped")
            } catch {
                unwritten.append(event)
            }
        }
        guard !unwritten.isEmpty else { return }
        state.withLock { $0.pending.insert(contentsOf: unwritten, at: 0) }
        wake.signal()
    }
}
