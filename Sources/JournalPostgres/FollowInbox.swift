import CSignals
import IncidentCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Where the follower's background work leaves what it fetched, for the dashboard's thread to
/// take without touching the network. A pipe says "something arrived" to the dashboard's `poll()`.
///
/// Bounded: the background work waits before fetching another page while `highWater` records
/// are queued, so a million-line incident streams through instead of piling up in memory.
final class FollowInbox: Sendable {
    /// Records as they were fetched: a batch, and the bytes of its lines (for the per-call bound).
    /// Handed over a batch at a time, never copied item by item out of a long queue.
    private struct Batch {
        var updates: [FollowUpdate]
        var bytes: Int
    }

    private struct State {
        var batches: [Batch] = []
        /// The first batch in `batches` not taken yet; the taken ones are dropped now and then.
        var head = 0
        var queued = 0
        var signalled = false
        var closed = false
        /// True until the first catch-up is done (or the store became unreachable during it).
        var loading = true
        var spaceWaiter: CheckedContinuation<Void, Never>?
    }

    /// The end the dashboard polls; `writeEnd` is the background's.
    let descriptor: Int32
    private let writeEnd: Int32
    private let state = Mutex(State())
    let highWater: Int

    init(highWater: Int) {
        var ends: [Int32] = [-1, -1]
        if sitrep_pipe_cloexec(&ends) == 0 {
            // Neither end may block: the background never waits on the dashboard, nor a drain on it.
            for end in ends { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK) }
        } else {
            ends = [-1, -1]
        }
        descriptor = ends[0]
        writeEnd = ends[1]
        self.highWater = highWater
    }

    // MARK: The background's side

    /// Queues `updates` in order; `bytes` is the size of their lines.
    func push(_ updates: [FollowUpdate], bytes: Int) {
        guard !updates.isEmpty else { return }
        state.withLock { state in
            guard !state.closed else { return }
            state.batches.append(Batch(updates: updates, bytes: bytes))
            state.queued += updates.count
            signal(&state)
        }
    }

    func push(_ update: FollowUpdate) { push([update], bytes: 0) }

    /// The first catch-up is over: from now on an empty inbox means nothing is on its way.
    func finishLoading() {
        state.withLock { state in
            guard state.loading else { return }
            state.loading = false
            signal(&state)
        }
    }

    /// Returns when fewer than `highWater` records wait, or the inbox is closed.
    func waitForSpace() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state in
                if state.closed || state.queued < highWater { return true }
                state.spaceWaiter = continuation
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Wakes the dashboard once per batch: a byte already waiting in the pipe is enough.
    /// Under the lock, so `close` cannot close the pipe between the check and the write.
    private func signal(_ state: inout State) {
        guard !state.signalled, !state.closed, writeEnd >= 0 else { return }
        var byte: UInt8 = 1
        if write(writeEnd, &byte, 1) == 1 { state.signalled = true }
    }

    // MARK: The dashboard's side

    /// Whole batches, up to `byteLimit` bytes of lines (at least one batch), and whether more is
    /// queued or still being loaded.
    func take(byteLimit: Int) -> (updates: [FollowUpdate], more: Bool, loading: Bool) {
        // Once closed, the pipe's numbers may already belong to another file.
        guard !isClosed else { return ([], false, false) }
        drainPipe()
        let (taken, more, loading, waiter) = state.withLock { state in
            state.signalled = false
            var taken: [FollowUpdate] = []
            var bytes = 0
            while state.head < state.batches.count,
                  taken.isEmpty || bytes + state.batches[state.head].bytes <= byteLimit {
                let batch = state.batches[state.head]
                state.batches[state.head] = Batch(updates: [], bytes: 0)
                state.head += 1
                bytes += batch.bytes
                if taken.isEmpty { taken = batch.updates } else { taken += batch.updates }
            }
            state.queued -= taken.count
            if state.head == state.batches.count {
                state.batches.removeAll(keepingCapacity: true)
                state.head = 0
            }
            var waiter: CheckedContinuation<Void, Never>?
            if state.queued < highWater { swap(&waiter, &state.spaceWaiter) }
            return (taken, state.queued > 0, state.loading, waiter)
        }
        waiter?.resume()
        return (taken, more, loading)
    }

    /// Blocks until something arrived or `timeoutMilliseconds` pass.
    func wait(timeoutMilliseconds: Int32) {
        guard descriptor >= 0, !isClosed else { return }
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&entry, 1, timeoutMilliseconds)
    }

    private func drainPipe() {
        guard descriptor >= 0 else { return }
        var scratch = [UInt8](repeating: 0, count: 64)
        while read(descriptor, &scratch, scratch.count) > 0 {}
    }

    /// Drops what is queued, lets the background's wait for space end, and closes the pipe.
    func close() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.closed else { return nil }
            state.closed = true
            state.batches = []
            state.queued = 0
            if descriptor >= 0 { Glibc.close(descriptor) }
            if writeEnd >= 0 { Glibc.close(writeEnd) }
            var waiter: CheckedContinuation<Void, Never>?
            swap(&waiter, &state.spaceWaiter)
            return waiter
        }
        waiter?.resume()
    }

    var isClosed: Bool { state.withLock { $0.closed } }
}
