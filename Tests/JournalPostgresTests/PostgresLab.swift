import Foundation
import IncidentCore
import NIOCore
import PostgresNIO
import Testing
@testable import JournalPostgres

/// The pool lab's PostgreSQL (`scripts/pool-lab.sh start`: 127.0.0.1:55432, trust, superuser
/// `postgres`) and its PgBouncer (56432). On CI (`CI=true`) a test that needs them runs and fails
/// when they are not there; elsewhere it is skipped with a message saying how to start them.
enum PostgresLab {
    static let environment = ProcessInfo.processInfo.environment
    static let port = Int(environment["SITREP_POOL_LAB_PG_PORT"] ?? "") ?? 55432
    static let bouncerPort = Int(environment["SITREP_POOL_LAB_PORT"] ?? "") ?? 56432
    static let isCI = environment["CI"] == "true"

    static func address(database: String, port: Int = port, incident: String = "") -> PostgresAddress {
        PostgresAddress(user: "postgres", host: "127.0.0.1", port: port, database: database,
                        incident: incident, tlsMode: .disable)
    }

    /// Whether something listens on the lab's port, asked once per test process. A plain
    /// connect, not the client: traits are evaluated on the cooperative pool, which a blocking
    /// wait for a task could starve.
    static let isRunning: Bool = {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        target.sin_port = in_port_t(UInt16(port).bigEndian)
        target.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &target) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }()

    /// Run the test if the lab is there, or on CI, where its absence is a failure, not a skip.
    static var needed: ConditionTrait {
        .enabled(if: isRunning || isCI, "needs the pool lab's PostgreSQL on 127.0.0.1:\(port): scripts/pool-lab.sh start")
    }

    /// Opens a connection as the lab's superuser, failing with the one line `StoreConnector` gives.
    static func connect(_ address: PostgresAddress) async throws -> PostgresConnection {
        do {
            return try await StoreConnector(address: address).connect()
        } catch {
            Issue.record("the pool lab is not there (scripts/pool-lab.sh start): \(error)")
            throw error
        }
    }
}

/// A database of this test process's own, `sitrep_test_PID_RANDOM`, with sitrep's schema in it.
/// Each test uses an incident of its own in it, so tests run in parallel. Databases left by
/// processes that are gone are dropped when the next one starts.
enum TestDatabase {
    static let name = "sitrep_test_\(getpid())_\(UInt32.random(in: 0 ... .max))"

    static func address(incident: String) -> PostgresAddress {
        PostgresLab.address(database: name, incident: incident)
    }

    /// A unique incident name for one test.
    static func incident(_ label: String) -> String { "\(label)-\(UInt32.random(in: 0 ... .max))" }

    /// Creates the database once per process; every test awaits this first.
    static func ready() async throws {
        try await creation.value
    }

    private static let creation = Task {
        let admin = try await PostgresLab.connect(PostgresLab.address(database: "postgres"))
        do {
            try await dropLeftovers(admin)
            _ = try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: StoreConnector.logger).collect()
            try await admin.close()
        } catch {
            try? await admin.close()
            throw error
        }
        let database = try await PostgresLab.connect(PostgresLab.address(database: name))
        do {
            try await createSchema(on: database)
            try await database.close()
        } catch {
            try? await database.close()
            throw error
        }
    }

    /// sitrep's version-1 schema, in one transaction, as the store creates it on first use.
    static func createSchema(on connection: PostgresConnection) async throws {
        try await transaction(on: connection) {
            for statement in StoreSchema.createVersion1 {
                _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: StoreConnector.logger).collect()
            }
        }
    }

    private static func dropLeftovers(_ admin: PostgresConnection) async throws {
        let rows = try await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'sitrep_test_%'",
                                         logger: StoreConnector.logger).collect()
        for row in rows {
            let database = try row.decode(String.self)
            let parts = database.split(separator: "_")
            guard parts.count == 4, let pid = Int32(parts[2]), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            _ = try? await admin.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(database) WITH (FORCE)"),
                                       logger: StoreConnector.logger).collect()
        }
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
