import Foundation

/// A pool lab of one test's own (scripts/pool-lab.sh with its own folder and ports), for what must
/// not happen to the shared one: stopping PostgreSQL while other tests use it. `stop` (and the
/// folder's removal) when released.
public final class PrivatePoolLab: Sendable {
    public let folder = "/tmp/sitrep-private-lab-\(getpid())-\(UInt32.random(in: 0 ... .max))"
    public let postgresPort: Int
    public var bouncerPort: Int { postgresPort + 1 }

    /// Ports from `portBase` up, spread by process so test runs side by side do not meet.
    public init(portBase: Int) {
        postgresPort = portBase + Int(getpid() % 400) * 4 + Int.random(in: 0..<2) * 2
    }

    public func start() throws { try run("start") }
    public func stopPostgres() throws { try run("stop-postgres") }

    deinit {
        try? run("stop")
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Runs `scripts/pool-lab.sh COMMAND` on this lab; throws with what it said when it fails.
    public func run(_ command: String) throws {
        let environment = ProcessInfo.processInfo.environment.merging([
            "SITREP_POOL_LAB_DIR": folder,
            "SITREP_POOL_LAB_PG_PORT": String(postgresPort),
            "SITREP_POOL_LAB_PORT": String(bouncerPort),
        ]) { $1 }
        let errors = folder + "-\(command).err"
        let status = try ChildProcess.run([Repository.root + "/scripts/pool-lab.sh", command], environment: environment,
                                          output: "/dev/null", errors: errors)
        let said = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: errors)
        guard status == 0 else {
            throw ChildProcess.Failure(description: "scripts/pool-lab.sh \(command) failed: \(said)")
        }
    }
}
