import IncidentCore
import NIOPosix
import Synchronization

/// Appends the collector's events from a task of its own, the blocking appends on NIO's shared
/// thread pool, so a slow `fsync` never holds up a health check. Whatever arrives while one
/// batch is being written goes out together in the next: one lock and one `fsync` per batch,
/// and no event waits behind more than one write. A failed append keeps its events and tries
/// again. Only past `backlogLimit` events are dropped, samples first (the next heartbeat
/// repeats them; an alert is written once), and the log says how many.
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
        /// Whichever came first: true when the writer finished, false when close's deadline passed.
        var closeOutcome: Bool?
        var closeWaiter: CheckedContinuation<Bool, Never>?
    }

    private let store: any JournalStore
    private let log: @Sendable (String) -> Void
    private let state = Mutex(State())
    private let wake = WakeSignal()

    public init(store: any JournalStore, log: @escaping @Sendable (String) -> Void) {
        self.store = store
        self.log = log
        // Not a child of the caller's task: cancelling the collector must not stop the writes.
        Task { [self] in
            await writeUntilClosed()
            finishClosing(writerFinished: true)
        }
    }

    public func submit(_ events: [Event]) {
        guard !events.isEmpty else { return }
        // Named now, so an append retried after its reply was lost (a store across the network
        // may have committed it) is known by its ids and not written twice.
        var named = events
        for index in named.indices where named[index].id == nil { named[index].id = EventID.make() }
        state.withLock { state in
            state.pending.append(contentsOf: named)
            state.dropped += Self.trim(&state.pending, to: Self.backlogLimit)
        }
        wake.signal()
    }

    /// Writes what is pending, retrying failed appends for up to `timeout`, and stops the
    /// writer. Returns how many events could not be written.
    public func close(timeout: Duration = .seconds(15)) async -> Int {
        state.withLock { $0.closing = true }
        wake.signal()
        // A write stuck in fsync cannot be interrupted; the deadline stops only the waiting.
        let deadline = Task { [self] in
            try? await Task.sleep(for: timeout)
            finishClosing(writerFinished: false)
        }
        let finished = await withCheckedContinuation { continuation in
            let outcome = state.withLock { state in
                if state.closeOutcome == nil { state.closeWaiter = continuation }
                return state.closeOutcome
            }
            if let outcome { continuation.resume(returning: outcome) }
        }
        deadline.cancel()
        guard !finished else { return 0 }
        return state.withLock { state in
            state.abandoned = true
            return state.pending.count + state.inFlight
        }
    }

    /// Answers `close`, once: true when the writer finished, false when close's deadline came first.
    private func finishClosing(writerFinished: Bool) {
        let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard state.closeOutcome == nil else { return nil }
            state.closeOutcome = writerFinished
            defer { state.closeWaiter = nil }
            return state.closeWaiter
        }
        waiter?.resume(returning: writerFinished)
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

    private func writeUntilClosed() async {
        var retryPause = Duration.milliseconds(500)
        writing: while true {
            await wake.wait()
            let (batch, dropped, abandoned) = state.withLock { state in
                defer { state.pending.removeAll(keepingCapacity: true); state.dropped = 0 }
                state.inFlight = state.abandoned ? 0 : state.pending.count
                return (state.abandoned ? [] : state.pending, state.dropped, state.abandoned)
            }
            // Past close's deadline nothing more is written: a write now could be cut off by exit.
            if abandoned { break writing }
            if dropped > 0 { log("journal: \(dropped) oldest events dropped; the backlog passed \(Self.backlogLimit) while appends failed") }
            if !batch.isEmpty {
                switch await append(batch) {
                case .success:
                    state.withLock { $0.inFlight = 0 }
                    retryPause = .milliseconds(500)
                case .failure(.eventTooLarge):
                    // Retrying cannot help, and must not hold back the rest of the batch.
                    await appendOneByOne(batch)
                    state.withLock { $0.inFlight = 0 }
                case .failure(let error):
                    log("cannot append to the journal: \(error); keeping \(batch.count) events and trying again")
                    let abandoned = state.withLock { state in
                        state.pending.insert(contentsOf: batch, at: 0)
                        state.inFlight = 0
                        return state.abandoned
                    }
                    if abandoned { break writing }
                    try? await Task.sleep(for: retryPause)
                    retryPause = min(retryPause * 2, .seconds(5))
                    wake.signal()
                    continue
                }
            }
            if state.withLock({ $0.closing && $0.pending.isEmpty }) { break writing }
        }
    }

    /// One blocking append on NIO's shared pool. The pool never shuts down and this task is
    /// never cancelled, so `runIfActive` itself does not fail.
    private func append(_ batch: [Event]) async -> Result<Void, JournalError> {
        let store = self.store
        let result = try? await NIOThreadPool.singleton.runIfActive {
            Result { () throws(JournalError) in _ = try store.appendAll(batch) }
        }
        return result ?? .success(())
    }

    private func appendOneByOne(_ batch: [Event]) async {
        let (store, log) = (self.store, self.log)
        let unwritten = (try? await NIOThreadPool.singleton.runIfActive { () -> [Event] in
            var unwritten: [Event] = []
            for event in batch {
                do throws(JournalError) {
                    _ = try store.append(event)
                } catch .eventTooLarge(let bytes, let limit) {
                    log("journal: a \(event.kind.name) event of \(bytes) bytes is over the \(limit)-byte line limit; dropped")
                } catch {
                    unwritten.append(event)
                }
            }
            return unwritten
        }) ?? []
        guard !unwritten.isEmpty else { return }
        state.withLock { $0.pending.insert(contentsOf: unwritten, at: 0) }
        wake.signal()
    }
}
