import Foundation
import TestSupport
import Testing

/// A database of its own in the pool lab's PostgreSQL (scripts/pool-lab.sh, which `.ci/run`
/// starts), for tests of `-j postgresql://...`: created on first use, one per test process.
enum StoreLab {
    static let port = ProcessInfo.processInfo.environment["SITREP_POOL_LAB_PG_PORT"] ?? "55432"

    /// `postgresql://postgres@127.0.0.1:55432/sitrep_cli_<pid>`: add `#INCIDENT`.
    static let store: String = {
        let database = "sitrep_cli_\(getpid())"
        let scratch = TemporaryFolder()
        let environment = ProcessInfo.processInfo.environment
        let started = try? ChildProcess.run([Repository.root + "/scripts/pool-lab.sh", "start"], environment: environment,
                                            output: scratch.file("lab.out"), errors: scratch.file("lab.err"))
        if started != 0 {
            Issue.record("scripts/pool-lab.sh start failed (apt-get install postgresql pgbouncer): \(scratch.read("lab.err"))")
        }
        _ = try? psql("DROP DATABASE IF EXISTS \(database)")
        let created = (try? psql("CREATE DATABASE \(database)")) ?? "psql did not run"
        if !created.isEmpty { Issue.record("cannot create the test database: \(created)") }
        return "postgresql://postgres@127.0.0.1:\(port)/\(database)"
    }()

    static var database: String { String(store.split(separator: "/").last!) }

    /// A new incident's address in the test database.
    static func incident(_ name: String = "incident-\(UUID().uuidString.prefix(8))") -> String {
        store + "#" + name
    }

    /// Runs SQL as the lab's superuser; what psql said on stderr (empty when it went well).
    @discardableResult
    static func psql(_ sql: String, database: String = "postgres") throws -> String {
        let scratch = TemporaryFolder()
        let status = try ChildProcess.run(
            ["/usr/bin/psql", "-X", "-q", "-w", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", port, "-U", "postgres",
             "-d", database, "-c", sql],
            environment: ProcessInfo.processInfo.environment, output: scratch.file("psql.out"), errors: scratch.file("psql.err"))
        let errors = scratch.read("psql.err")
        return status == 0 ? "" : (errors.isEmpty ? "psql exited \(status)" : errors)
    }

    /// One query's single value, as text.
    static func value(_ sql: String) throws -> String {
        let scratch = TemporaryFolder()
        _ = try ChildProcess.run(
            ["/usr/bin/psql", "-X", "-q", "-w", "-A", "-t", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", database, "-c", sql],
            environment: ProcessInfo.processInfo.environment, output: scratch.file("psql.out"), errors: scratch.file("psql.err"))
        return scratch.read("psql.out").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

private extension TemporaryFolder {
    func read(_ name: String) -> String { (try? String(contentsOfFile: file(name), encoding: .utf8)) ?? "" }
}
