import IncidentCore
import NIOCore
import PostgresNIO
import Synchronization

/// The follower's background work, a task on NIO's shared event loops: connect, LISTEN, fetch
/// every row after the last one it has, page by page, again on each notification for this
/// incident; on a dropped connection, reconnect with backoff and catch up from the last `seq`.
/// Everything it learns goes into the inbox, never straight to the dashboard.
struct StoreWatcher: Sendable {
    let address: PostgresAddress
    let connector: StoreConnector
    let inbox: FollowInbox
    /// The local copy this follower keeps current, if any (the dashboard's).
    let copy: LocalCopyWriter?

    /// Records handed to the inbox at a time.
    static let batchSize = 2_000
    /// How long the check that notifications arrive waits for its own.
    static let probeWait: Duration = .seconds(1)
    /// How often to look for new rows when notifications do not arrive.
    static let pollInterval: Duration = .seconds(1)

    /// What outlives one connection.
    struct Progress {
        /// The last `seq` handed to the inbox: the next fetch starts after it, so a reconnect
        /// neither misses nor repeats a row.
        var lastSeq: Int64 = 0
        /// Since when the store has failed us, and whether the dashboard was told.
        var troubleSince: Timestamp?
        var troubleReported = false
        var pollingWarned = false
        var copyWarned = false
        var backoff = Backoff()
    }

    func run(firstConnection: PostgresConnection) async {
        var progress = Progress()
        var ready: PostgresConnection? = firstConnection
        while !Task.isCancelled {
            let connection: PostgresConnection
            if let first = ready {
                connection = first
                ready = nil
            } else {
                do {
                    connection = try await connector.connect()
                } catch {
                    report(error, &progress)
                    await progress.backoff.pause()
                    continue
                }
            }
            do {
                try await session(on: connection, &progress)
            } catch {
                if !Task.isCancelled { sessionEnded(error, &progress) }
            }
            try? await connection.close()
            if !Task.isCancelled { await progress.backoff.pause() }
        }
        try? await ready?.close()
    }

    // MARK: One connection

    /// Returns only by throwing: the connection failed, or the follower was closed.
    private func session(on connection: PostgresConnection, _ progress: inout Progress) async throws {
        try await connection.listen(on: StoreSchema.channel) { notifications in
            let (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
            let (probes, probeArrived) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(8))
            let ending = SessionEnding()
            let incident = address.incident
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    // When the notifications end, so does the connection: the fetch loop stops too.
                    defer { wake.finish() }
                    do {
                        for try await notification in notifications {
                            Self.route(notification.payload, incident: incident, wake: wake, probe: probeArrived)
                        }
                        ending.set(.unreachable(location: address.description, reason: "the connection closed"))
                    } catch {
                        ending.set(connector.explain(error))
                    }
                }
                let notified = await notificationsArrive(probes, said: probeArrived)
                if !notified {
                    warnPolling(&progress)
                    group.addTask {
                        while !Task.isCancelled {
                            try await Task.sleep(for: Self.pollInterval)
                            wake.yield()
                        }
                    }
                }
                try await fetchAll(on: connection, &progress)
                caughtUp(&progress)
                for await _ in wakes {
                    try await fetchAll(on: connection, &progress)
                }
                try Task.checkCancellation()
                throw ending.error ?? .unreachable(location: address.description, reason: "the connection closed")
            }
        }
    }

    /// A payload is `SEQ INCIDENT` for an append, `probe TOKEN` for a follower's check (others'
    /// probes come by too, and are told apart by their token).
    private static func route(_ payload: String, incident: String,
                              wake: AsyncStream<Void>.Continuation, probe: AsyncStream<String>.Continuation) {
        if payload.hasPrefix("probe ") {
            probe.yield(payload)
        } else if let space = payload.firstIndex(of: " "), payload[payload.index(after: space)...] == incident {
            wake.yield()
        }
    }

    /// Fetches every row after `lastSeq`, a page at a time, waiting while the inbox is full.
    /// Only a whole page counts as had: one cut off mid-way is fetched again after reconnecting.
    private func fetchAll(on connection: PostgresConnection, _ progress: inout Progress) async throws {
        let source = address.description
        while true {
            await inbox.waitForSpace()
            try Task.checkCancellation()
            var page = FetchedPage()
            let groups = try await connection.query(FetchedPage.query(incident: address.incident, after: progress.lastSeq),
                                                    logger: StoreConnector.logger)
            for try await group in groups { try page.add(group) }
            let rows = page.sorted()
            guard let last = rows.last?.seq else { return }
            // The copy gets the page before the dashboard does: what was shown is in the copy.
            if copy != nil { keepCopy(rows.map { Array($0.line.readableBytesView) }, &progress) }
            // In batches, so that one `readAvailable` takes no more than its bound of bytes.
            for start in stride(from: 0, to: rows.count, by: Self.batchSize) {
                let batch = rows[start..<min(start + Self.batchSize, rows.count)]
                inbox.push(batch.map { StoredLine.record(seq: $0.seq, line: $0.line, source: source) },
                           bytes: batch.reduce(0) { $0 + $1.line.readableBytes })
            }
            progress.lastSeq = last
            if rows.count < FetchedPage.size { return }
        }
    }

    // MARK: Saying what happened

    private func keepCopy(_ lines: [[UInt8]], _ progress: inout Progress) {
        guard let copy else { return }
        copy.append(lines)
        if let failure = copy.failure, !progress.copyWarned {
            progress.copyWarned = true
            inbox.push(.warning(failure))
        }
    }

    private func caughtUp(_ progress: inout Progress) {
        copy?.caughtUp()
        keepCopy([], &progress)
        if progress.troubleReported { inbox.push(.reachable) }
        progress.troubleSince = nil
        progress.troubleReported = false
        progress.backoff.reset()
        inbox.finishLoading()
    }

    /// A connection that cannot be opened, or a session that never caught up: the store cannot be
    /// used, and the dashboard hears it once, with the time of the first failure.
    private func report(_ error: any Error, _ progress: inout Progress) {
        let since = progress.troubleSince ?? Timestamp.now()
        progress.troubleSince = since
        guard !progress.troubleReported else { return }
        progress.troubleReported = true
        inbox.push(.unreachable(since: since, reason: reason(error)))
        // What was read is all there is for now: the dashboard should not wait for the rest.
        inbox.finishLoading()
    }

    /// The first failure of a session is noted, not yet reported: a reconnect a moment later
    /// usually succeeds, and a blip then shows as nothing at all. A second one in a row is.
    private func sessionEnded(_ error: any Error, _ progress: inout Progress) {
        if progress.troubleSince == nil {
            progress.troubleSince = Timestamp.now()
        } else {
            report(error, &progress)
        }
    }

    private func reason(_ error: any Error) -> String {
        switch error as? JournalError ?? connector.explain(error) {
        case .unreachable(_, let reason), .refused(_, let reason): reason
        case let other: other.description
        }
    }

    private func warnPolling(_ progress: inout Progress) {
        guard !progress.pollingWarned else { return }
        progress.pollingWarned = true
        inbox.push(.warning("notifications do not arrive through \(address) (a PgBouncer in transaction pooling?): "
                            + "checking every second instead"))
    }
}

/// Why a session's notifications ended, handed from the task that reads them to the one that throws.
private final class SessionEnding: Sendable {
    private let state = Mutex<JournalError?>(nil)
    func set(_ error: JournalError) { state.withLock { if $0 == nil { $0 = error } } }
    var error: JournalError? { state.withLock { $0 } }
}

/// 0.25 s after the first failure, doubling to 5 s: quick after a blip, quiet during an outage.
struct Backoff {
    static let first: Duration = .milliseconds(250)
    static let longest: Duration = .seconds(5)
    private var next = Backoff.first

    mutating func pause() async {
        try? await Task.sleep(for: next)
        next = min(next * 2, Self.longest)
    }

    mutating func reset() { next = Self.first }
}
