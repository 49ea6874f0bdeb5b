import Foundation
import IncidentCore
@testable import JournalPostgres

/// A value handed from a thread of its own back to the test's task. The follower is used by
/// one thread at a time (the test's), which is all its contract asks.
struct Handed<Value>: @unchecked Sendable { let value: Value }

/// Runs blocking work on a thread of its own: `follow()` and the lab script wait, and on the
/// cooperative pool's two threads two such waits at once would starve the tasks they wait for.
func onOwnThread<Value>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Handed<Value>, any Error>) in
        Thread { continuation.resume(with: Result { Handed(value: try work()) }) }.start()
    }.value
}

func startFollowing(_ address: PostgresAddress) async throws -> PostgresFollower {
    let journal = PostgresJournal(address: address, connector: StoreConnector(address: address))
    let follower = try await onOwnThread { try journal.follow() }
    return follower as! PostgresFollower
}

/// What a follower handed out, kept in order, read the way the dashboard's loop reads it.
final class FollowLog {
    let follower: PostgresFollower
    private(set) var updates: [FollowUpdate] = []
    private(set) var sawBehind = false

    init(_ follower: PostgresFollower) { self.follower = follower }

    /// A record as a test looks at it: its line number, and its event or bad line.
    struct Seen {
        let event: Event?
        let line: Int
        let bad: BadLine?
    }

    var records: [Seen] {
        updates.compactMap { update -> Seen? in
            switch update {
            case let .record(.event(event, line)): Seen(event: event, line: line, bad: nil)
            case let .record(.bad(bad)): Seen(event: nil, line: bad.line, bad: bad)
            default: nil
            }
        }
    }

    var warnings: [String] {
        updates.compactMap { update -> String? in if case .warning(let text) = update { text } else { nil } }
    }

    /// The order of the store's trouble reports: "unreachable" and "reachable".
    var reachability: [String] {
        updates.compactMap { update -> String? in
            switch update {
            case .unreachable: "unreachable"
            case .reachable: "reachable"
            default: nil
            }
        }
    }

    /// Reads until `done` holds or `seconds` pass; true if it held. On a thread of its own, as
    /// the dashboard reads on its own thread: `readAvailable` may wait a moment while the first
    /// pages load, and on the cooperative pool that would hold up the very tasks that fetch them.
    @discardableResult
    func read(seconds: Double, until done: @escaping @Sendable (FollowLog) -> Bool) async -> Bool {
        let log = Handed(value: self)
        return (try? await onOwnThread { log.value.readHere(seconds: seconds, until: done) }) ?? false
    }

    private func readHere(seconds: Double, until done: (FollowLog) -> Bool) -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while true {
            updates += follower.readAvailable()
            sawBehind = sawBehind || follower.isBehind
            if done(self) { return true }
            if ContinuousClock.now >= deadline { return false }
            if !follower.isBehind { follower.wait(timeoutMilliseconds: 50) }
        }
    }
}

func note(_ text: String, actor: String = "tester") -> Event {
    var event = Event(ts: .now(), kind: .note, actor: actor, text: text)
    event.id = EventID.make()
    return event
}
