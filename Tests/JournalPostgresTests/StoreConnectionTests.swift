import Foundation
import IncidentCore
import JournalPostgres
import Synchronization
import TestSupport
import Testing

/// When the database is the problem: one clear error saying which problem, within 5 s.
@Suite(.enabled(if: StoreLab.shouldRun, StoreLab.skipMessage), .oneAtATime)
struct StoreConnectionTests {
    /// Opens a store and returns what it threw, with how long that took.
    func failure(opening address: PostgresAddress, environment: [String: String] = [:]) -> (JournalError?, Duration) {
        let journal = PostgresJournal(address: address, connector: StoreConnector(address: address, environment: environment))
        let start = ContinuousClock.now
        do {
            try journal.open()
            return (nil, ContinuousClock.now - start)
        } catch {
            return (error, ContinuousClock.now - start)
        }
    }

    @Test func aWrongPasswordIsRefusedNamingAuthentication() throws {
        let address = StoreLab.address("password", user: StoreLab.passwordUser)
        let (error, _) = failure(opening: address, environment: ["PGPASSWORD": "not-the-password"])
        guard case .refused(_, let reason)? = error else {
            Issue.record("expected a refusal, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("authentication failed for user \(StoreLab.passwordUser)"), "\(reason)")
        try StoreLab.journal().open()  // the schema, so that the role's rights are what is checked next
        try StoreLab.psql("GRANT \(StoreLab.responderRole) TO \(StoreLab.passwordUser)", database: "postgres")
        let (right, _) = failure(opening: address, environment: ["PGPASSWORD": StoreLab.password])
        #expect(right == nil, "the right password opens it: \(String(describing: right))")
    }

    @Test func aClosedPortIsUnreachableWithinFiveSeconds() throws {
        let address = try PostgresAddress.parse("postgresql://postgres@127.0.0.1:1/postgres?sslmode=disable#x", environment: [:])
        let (error, took) = failure(opening: address)
        guard case .unreachable(let location, let reason)? = error else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(reason == "connection refused")
        #expect(location == "postgresql://postgres@127.0.0.1:1/postgres#x")
        #expect(took < .seconds(5))
    }

    @Test func requiringTLSFromAServerWithoutItIsRefusedNamingTLS() {
        let (error, _) = failure(opening: StoreLab.address("tls", query: "?sslmode=require"))
        guard case .refused(_, let reason)? = error else {
            Issue.record("expected a refusal, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("TLS"), "\(reason)")
    }

    @Test("a schema newer than this sitrep knows is refused, and left alone")
    func aSchemaFromTheFutureIsRefused() throws {
        let database = StoreLab.freshDatabase()
        let journal = StoreLab.journal(database: database)
        try journal.append(Event(ts: .now(), kind: .note, text: "written by this version"))
        try StoreLab.psql("UPDATE sitrep.meta SET value = '99' WHERE key = 'schema_version'", database: database)

        let (error, _) = failure(opening: StoreLab.address("later", database: database))
        #expect(error == .refused(location: StoreLab.address("later", database: database).description,
                                  reason: "the store's schema is version 99; this sitrep knows version \(StoreSchema.version): upgrade sitrep"))
        #expect(try StoreLab.psql("SELECT value FROM sitrep.meta WHERE key = 'schema_version'", database: database) == "99")
        #expect(try StoreLab.psql("SELECT count(*) FROM sitrep.events", database: database) == "1")
    }

    @Test("a role that may not create the schema, in a database without one, is told the owner must run sitrep first")
    func noSchemaAndNoRightToCreateIt() throws {
        let database = StoreLab.freshDatabase()
        let responder = try StoreLab.makeResponder()
        defer { StoreLab.dropRole(responder) }
        let (error, _) = failure(opening: StoreLab.address("first", user: responder, database: database))
        guard case .refused(_, let reason)? = error else {
            Issue.record("expected a refusal, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("the store's owner must run `sitrep incidents -j STORE` on it once first"), "\(reason)")
        #expect(try StoreLab.psql("SELECT count(*) FROM pg_namespace WHERE nspname = 'sitrep'", database: database) == "0")
    }

    @Test("two stores opening an empty database at once create the schema once")
    func schemaIsCreatedOnceUnderRace() throws {
        let database = StoreLab.freshDatabase()
        let errors = (0..<4).map { _ in StoreLab.journal(database: database) }
            .map { journal in Thread.detachedOpen(journal) }
            .map { $0.wait() }
        #expect(errors.allSatisfy { $0 == nil }, "\(errors)")
        #expect(try StoreLab.psql("SELECT value FROM sitrep.meta", database: database) == "\(StoreSchema.version)")
    }

    @Test("a connection killed by the server is replaced at the next call, and nothing is lost or doubled")
    func aKilledConnectionIsReopened() throws {
        let database = StoreLab.freshDatabase()
        let journal = StoreLab.journal(database: database)
        try journal.append(Event(ts: .now(), kind: .note, text: "before"))
        try StoreLab.psql("""
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()
            """, database: database)
        try journal.append(Event(ts: .now(), kind: .note, text: "after"))
        #expect(try journal.events().map(\.text) == ["before", "after"])
        #expect(try journal.problemLines().isEmpty)
    }
}

private extension Thread {
    /// Opens the journal on a thread of its own; `wait()` gives what it threw.
    static func detachedOpen(_ journal: PostgresJournal) -> OpenResult {
        let result = OpenResult()
        Thread {
            do throws(JournalError) {
                try journal.open()
                result.finish(nil)
            } catch {
                result.finish(error)
            }
        }.start()
        return result
    }
}

private final class OpenResult: Sendable {
    private let outcome = Mutex<(done: Bool, error: JournalError?)>((false, nil))

    func finish(_ error: JournalError?) { outcome.withLock { $0 = (true, error) } }

    func wait() -> JournalError? {
        _ = eventually(seconds: 30) { outcome.withLock { $0.done } }
        return outcome.withLock { $0.error }
    }
}
