import Foundation
import IncidentCore
import JournalPostgres
import Synchronization
import Testing

/// The pool lab's PostgreSQL (`scripts/pool-lab.sh start`; 127.0.0.1:55432, or
/// `$SITREP_POOL_LAB_PG_PORT`, superuser `postgres` on trust), with a database of this test
/// process's own, so test runs in several worktrees do not meet. Administration goes through
/// psql, a client of its own, so what is checked is not checked by the code under test.
///
/// On CI (`CI=true`) a missing lab fails every test that needs it; elsewhere they are skipped
/// with a message.
enum StoreLab {
    static let host = "127.0.0.1"
    static let port = Int(ProcessInfo.processInfo.environment["SITREP_POOL_LAB_PG_PORT"] ?? "") ?? 55432
    static let superuser = "postgres"
    static let responderRole = "sitrep_responder"
    static let passwordUser = "sitrep_password_test"
    static let password = "sitrep-lab-password"

    static let isOnCI = ProcessInfo.processInfo.environment["CI"] == "true"
    static let isRunning = (try? psql("SELECT 1", database: "postgres")) == "1"
    /// For `.enabled(if:)`: on CI the tests run, and fail clearly, when the lab is not there.
    static let shouldRun = isRunning || isOnCI
    static let skipMessage: Comment = "the pool lab's PostgreSQL is not running on \(host):\(port): scripts/pool-lab.sh start"

    /// This process's database, made on first use with the responder role in place, so the
    /// schema sitrep creates in it grants that role its rights.
    static let database: String = {
        guard isRunning else {
            // Only reached on CI (elsewhere the suites are skipped): the first test says why they all fail.
            Issue.record("CI is set and \(skipMessage)")
            return "no_lab"
        }
        dropDatabasesOfEndedRuns()
        try! psql("""
            DO $$ BEGIN CREATE ROLE \(responderRole) NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$
            """, database: "postgres")
        atexit {
            for name in StoreLab.created.withLock({ $0 }) {
                _ = try? StoreLab.psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", database: "postgres")
            }
        }
        return freshDatabase()
    }()

    /// Every database this process made, dropped at its exit.
    private static let created = Mutex<[String]>([])

    /// A database of its own (for a test that changes what every store in it sees), named after
    /// this process so a later run can drop it if this one cannot.
    static func freshDatabase() -> String {
        let name = "sitrep_test_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        try! psql("CREATE DATABASE \(name)", database: "postgres")
        created.withLock { $0.append(name) }
        return name
    }

    /// A run killed before its exit handler leaves its databases behind; they go once its pid is gone.
    private static func dropDatabasesOfEndedRuns() {
        let names = (try? psql("SELECT datname FROM pg_database WHERE datname LIKE 'sitrep_test_%'", database: "postgres")) ?? ""
        for name in names.split(separator: "\n") {
            let parts = name.split(separator: "_")
            guard parts.count == 4, let pid = Int32(parts[2]), pid != getpid(), kill(pid, 0) != 0 else { continue }
            _ = try? psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", database: "postgres")
        }
    }

    static func address(_ incident: String, user: String = superuser, database: String = database,
                        query: String = "?sslmode=disable") -> PostgresAddress {
        try! PostgresAddress.parse("postgresql://\(user)@\(host):\(port)/\(database)\(query)#\(incident)", environment: [:])
    }

    /// A journal for a new incident, its name unique to the test.
    static func journal(_ label: String = #function, user: String = superuser, database: String = database) -> PostgresJournal {
        let incident = uniqueIncident(label)
        let address = address(incident, user: user, database: database)
        return PostgresJournal(address: address, connector: StoreConnector(address: address, environment: [:]))
    }

    static func uniqueIncident(_ label: String) -> String {
        let stem = label.prefix { $0.isLetter || $0.isNumber }
        return "\(stem)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs SQL with psql and returns its unaligned output, or throws with psql's error.
    @discardableResult
    static func psql(_ sql: String, database: String = database, user: String = superuser,
                     password: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-w", "-At", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", String(port),
                             "-U", user, "-d", database, "-c", sql]
        var environment = ProcessInfo.processInfo.environment
        environment["PGCONNECT_TIMEOUT"] = "3"
        environment["PGPASSWORD"] = password
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(description: problem) }
        return text.trimmingCharacters(in: .newlines)
    }

    /// A login role that holds only sitrep_responder's rights.
    static func makeResponder() throws -> String {
        let name = "sitrep_test_responder_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        try psql("CREATE ROLE \(name) LOGIN IN ROLE \(responderRole)", database: "postgres")
        return name
    }

    static func dropRole(_ name: String) {
        _ = try? psql("DROP OWNED BY \(name); DROP ROLE IF EXISTS \(name)", database: database)
    }
}

extension PostgresJournal {
    /// The lines `sitrep verify -j URL` finds a problem on (a broken chain, a gap, a repeated id).
    func problemLines() throws -> [Int] {
        try JournalVerifier.verify(source: location) { visit throws(JournalError) in try readLines(visit) }
            .problems.map(\.line)
    }

    func allLines() throws -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var numbers: [Int] = []
        try readLines { number, bytes in
            numbers.append(number)
            lines.append(bytes)
        }
        #expect(numbers == Array(1..<(lines.count + 1)), "lines are numbered from 1 without gaps")
        return lines
    }
}
