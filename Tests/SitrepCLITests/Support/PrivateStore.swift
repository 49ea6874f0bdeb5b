import Foundation
import TestSupport
import Testing

/// A PostgreSQL of one test's own (scripts/pool-lab.sh in its own folder, on its own ports), for
/// what must not happen to the shared lab: stopping the database in the middle of an incident.
final class PrivateStore {
    let folder = "/tmp/sitrep-cli-lab-\(getpid())-\(UInt32.random(in: 0 ... .max))"
    let port = 47_000 + Int(getpid() % 400) * 4 + Int.random(in: 0..<2) * 2

    /// `postgresql://postgres@127.0.0.1:PORT/app#INCIDENT`.
    func url(_ incident: String) -> String { "postgresql://postgres@127.0.0.1:\(port)/app#\(incident)" }

    func start() throws { try run("start") }
    func stopPostgres() throws { try run("stop-postgres") }

    deinit {
        try? run("stop")
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func run(_ command: String) throws {
        let environment = ProcessInfo.processInfo.environment.merging([
            "SITREP_POOL_LAB_DIR": folder, "SITREP_POOL_LAB_PG_PORT": String(port), "SITREP_POOL_LAB_PORT": String(port + 1),
        ]) { $1 }
        let errors = folder + "-\(command).err"
        let status = try ChildProcess.run([Repository.root + "/scripts/pool-lab.sh", command], environment: environment,
                                          output: "/dev/null", errors: errors)
        let said = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: errors)
        try #require(status == 0, "scripts/pool-lab.sh \(command) failed: \(said)")
    }
}
