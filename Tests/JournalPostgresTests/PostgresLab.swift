import Foundation
import IncidentCore
import PostgresNIO
import Testing
@testable import JournalPostgres

/// The pool lab's servers as the follower's tests reach them: PostgreSQL directly, or through its
/// PgBouncer (56432, or `$SITREP_POOL_LAB_PORT`). Whether the lab is there, and the database of
/// this test process, are `StoreLab`'s.
enum PostgresLab {
    static let bouncerPort = Int(ProcessInfo.processInfo.environment["SITREP_POOL_LAB_PORT"] ?? "") ?? 56432

    static func address(database: String, port: Int = StoreLab.port, incident: String = "") -> PostgresAddress {
        PostgresAddress(user: StoreLab.superuser, host: StoreLab.host, port: port, database: database,
                        incident: incident, tlsMode: .disable)
    }

    /// Run the test if the lab is there, or on CI, where its absence is a failure, not a skip.
    static var needed: ConditionTrait { .enabled(if: StoreLab.shouldRun, StoreLab.skipMessage) }

    /// Makes sitrep's schema in a database as any command does on first use (under its lock, so
    /// test processes sharing the database make it once).
    static func makeSchema(at address: PostgresAddress) async throws {
        let store = PostgresJournal(address: address.incident.isEmpty ? address.incident("schema") : address,
                                    connector: StoreConnector(address: address))
        try await onOwnThread { try store.open() }
    }
}

/// The follower tests' database: `StoreLab`'s, with the schema in it. Each test uses an incident
/// of its own, so tests run in parallel.
enum TestDatabase {
    static func address(incident: String) -> PostgresAddress {
        PostgresLab.address(database: StoreLab.database, incident: incident)
    }

    /// A unique incident name for one test.
    static func incident(_ label: String) -> String { StoreLab.uniqueIncident(label) }

    /// Every test awaits this first: the database and its schema, made once per process.
    static func ready() async throws {
        try await PostgresLab.makeSchema(at: address(incident: "schema"))
    }
}

/// Runs `work` in a transaction on `connection`, rolled back if it throws.
func transaction<Value>(on connection: PostgresConnection, _ work: () async throws -> Value) async throws -> Value {
    _ = try await connection.query("BEGIN", logger: StoreConnector.logger).collect()
    do {
        let value = try await work()
        _ = try await connection.query("COMMIT", logger: StoreConnector.logger).collect()
        return value
    } catch {
        _ = try? await connection.query("ROLLBACK", logger: StoreConnector.logger).collect()
        throw error
    }
}
