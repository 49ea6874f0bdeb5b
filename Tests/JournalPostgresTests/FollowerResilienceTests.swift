import Foundation
import IncidentCore
import PostgresNIO
import Testing
@testable import JournalPostgres

/// When the database is the problem: a restart mid-incident, and a pooler that drops notifications.
@Suite(PostgresLab.needed) struct FollowerResilienceTests {
    @Test("a restart of PostgreSQL is reported as unreachable, then reachable, every row delivered once",
          .timeLimit(.minutes(2)))
    func restartMidIncident() async throws {
        let lab = PrivateLab()
        try await lab.start()
        do {
            try await followAcrossRestart(lab)
        } catch {
            await lab.remove()
            throw error
        }
        await lab.remove()
    }

    private func followAcrossRestart(_ lab: PrivateLab) async throws {
        // The lab creates `app`; the incident's schema goes in it.
        try await PostgresLab.makeSchema(at: lab.address(database: "app"))
        let address = lab.address(database: "app", incident: TestDatabase.incident("restart"))

        let log = FollowLog(try await startFollowing(address))
        let writer = try await TestWriter.open(address)
        for index in 1...5 { try await writer.append(note("before \(index)")) }
        #expect(await log.read(seconds: 5) { $0.records.count == 5 })

        await writer.close()
        let stopped = Timestamp.now()
        try await lab.stopPostgres()
        await #expect(throws: JournalError.self, "an append while the database is down fails") {
            let writer = try await TestWriter.open(address)
            try await writer.append(note("while down"))
        }
        #expect(await log.read(seconds: 10) { $0.reachability == ["unreachable"] }, "\(log.updates)")
        if case let .unreachable(since, reason)? = log.updates.first(where: { if case .unreachable = $0 { true } else { false } }) {
            #expect(since >= stopped.adding(seconds: -1) && since <= Timestamp.now(), "since the first failure")
            #expect(!reason.isEmpty && !reason.contains("\n"), "one line: \(reason)")
        }

        try await lab.start()
        let after = try await TestWriter.open(address)
        for index in 1...5 { try await after.append(note("after \(index)")) }
        await after.close()
        // Backoff reaches 5 s at most, so the follower is back within a few seconds of the start.
        #expect(await log.read(seconds: 20) { $0.records.count >= 10 && $0.reachability.count == 2 }, "\(log.updates)")
        #expect(log.reachability == ["unreachable", "reachable"])
        #expect(log.records.map(\.line) == Array(1...10), "nothing missed, nothing twice")
        #expect(log.records.map(\.event?.text) == (1...5).map { "before \($0)" } + (1...5).map { "after \($0)" })
        log.follower.close()
    }

    @Test("through PgBouncer in transaction pooling the follower says so, polls each second, and still delivers")
    func transactionPoolingFallsBackToPolling() async throws {
        try await ensurePooledSchema()
        let address = PostgresLab.address(database: "sitrep_pooled", port: PostgresLab.bouncerPort,
                                          incident: TestDatabase.incident("pooled"))
        let log = FollowLog(try await startFollowing(address))
        let expected = "notifications do not arrive through \(address) (a PgBouncer in transaction pooling?): "
            + "checking every second instead"
        // The check waits a second for its own notification; the rest is room for a machine busy
        // with the other tests (a full run once took more than 5 s here).
        #expect(await log.read(seconds: 15) { $0.warnings.contains(expected) }, "\(log.updates)")

        let writer = try await TestWriter.open(address)
        for index in 1...3 {
            try await writer.append(note("pooled \(index)"))
            let appended = ContinuousClock.now
            // Polled each second; the bound leaves room for a machine busy with the other tests.
            #expect(await log.read(seconds: 4) { $0.records.count == index }, "append \(index) not seen")
            let took = ContinuousClock.now - appended
            #expect(took < .milliseconds(3_500), "append \(index) took \(took)")
        }
        await writer.close()
        #expect(log.warnings == [expected], "said once")
        #expect(log.records.map(\.line) == [1, 2, 3])
        log.follower.close()
    }

    /// The lab's `sitrep_pooled` database is shared by every test run: its schema is made once,
    /// directly on PostgreSQL (as a command would, under its lock).
    private func ensurePooledSchema() async throws {
        do {
            try await PostgresLab.makeSchema(at: PostgresLab.address(database: "sitrep_pooled"))
        } catch {
            Issue.record("database sitrep_pooled is missing: scripts/pool-lab.sh start creates it (\(error))")
            throw error
        }
    }
}
