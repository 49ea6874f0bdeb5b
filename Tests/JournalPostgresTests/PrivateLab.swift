import Foundation
import Testing
import TestSupport
@testable import JournalPostgres

/// A pool lab of this test's own (scripts/pool-lab.sh with its own folder and ports), for what
/// must not happen to the shared one: stopping PostgreSQL while other tests use it.
final class PrivateLab: Sendable {
    let folder: String
    let postgresPort: Int
    let bouncerPort: Int

    init() {
        let salt = Int(getpid() % 500) * 20 + Int.random(in: 0..<10) * 2
        postgresPort = 45_000 + salt
        bouncerPort = postgresPort + 1
        folder = "/tmp/sitrep-follow-lab-\(getpid())-\(UInt32.random(in: 0 ... .max))"
    }

    func address(database: String, incident: String = "") -> PostgresAddress {
        PostgresLab.address(database: database, port: postgresPort, incident: incident)
    }

    func start() async throws { try await run("start") }
    func stopPostgres() async throws { try await run("stop-postgres") }

    /// Stops both servers and removes the folder.
    func remove() async {
        try? await run("stop")
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func run(_ command: String) async throws {
        let environment = ProcessInfo.processInfo.environment.merging([
            "SITREP_POOL_LAB_DIR": folder,
            "SITREP_POOL_LAB_PG_PORT": String(postgresPort),
            "SITREP_POOL_LAB_PORT": String(bouncerPort),
        ]) { $1 }
        let script = Repository.root + "/scripts/pool-lab.sh"
        let errors = folder + "-" + command + ".err"
        let status = try await onOwnThread {
            try ChildProcess.run([script, command], environment: environment, output: "/dev/null", errors: errors)
        }
        let said = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: errors)
        try #require(status == 0, "scripts/pool-lab.sh \(command) failed: \(said)")
    }
}
