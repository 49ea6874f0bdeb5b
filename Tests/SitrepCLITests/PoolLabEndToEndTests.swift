import Foundation
import Testing
@testable import IncidentCore

/// The seed outage, reproduced: a real PgBouncer pool of 3 in front of a real PostgreSQL, far
/// more clients than that, and `sitrep collect` watching it through examples/pgbouncer-pool.sh.
/// `scripts/pool-lab.sh` starts both servers (safe to repeat); `.ci/run` installs them.
@Suite(.serialized) struct PoolLabEndToEndTests {
    static let port = ProcessInfo.processInfo.environment["SITREP_POOL_LAB_PORT"] ?? "56432"
    static let clients = 18
    static let secondsEach = 1

    @Test func aPoolTooSmallForTheLoadIsSeenSaturatingAndRecovering() throws {
        try startLab()
        let scratch = Scratch()
        let cli = CLI(folder: scratch.path)
        try """
            [[pool]]
            name = "app"
            every = "500ms"
            timeout = "5s"
            command = "\(CLI.repositoryRoot)/examples/pgbouncer-pool.sh --port \(Self.port) --admin-user sitrep --database app"
            """.write(toFile: scratch.file("collect.toml"), atomically: true, encoding: .utf8)
        let running = try cli.launch(["collect", "--config", "collect.toml"])
        let collector = running.process
        defer { stop(collector) }
        #expect(eventually(seconds: 20) { scratch.eventsSoFar().contains { $0.kind == .pool } },
                "no pool sample; collector said: \(running.errors.text)")

        try runLoad()
        #expect(eventually(seconds: 20) { scratch.eventsSoFar().contains { $0.text?.hasPrefix("pool app back below saturation") == true } },
                "no end of episode; collector said: \(running.errors.text)")
        collector.terminate()
        collector.waitUntilExit()

        let events = try scratch.events()
        let samples = events.filter { $0.kind == .pool }
        let peakWaiting = samples.compactMap(\.waiting).max() ?? 0
        #expect(samples.first?.waiting == 0, "the pool starts idle")
        #expect(samples.contains { $0.inUse == 3 && $0.max == 3 }, "every server connection in use")
        #expect(peakWaiting >= 6, "clients queue behind a pool of 3; peak waiting \(peakWaiting)")
        #expect(samples.last?.waiting == 0 && samples.last?.inUse == 0, "the pool is idle again")

        let alerts = events.filter { $0.kind == .alert }
        #expect(alerts.count == 1, "one alert for the episode: \(alerts.map { $0.text ?? "" })")
        let alert = try #require(alerts.first)
        #expect(alert.text?.hasPrefix("pool app saturated: 3/3 in use (100%)") == true, "\(alert.text ?? "")")
        #expect(alert.level == "critical")
        let endings = events.filter { $0.text?.hasPrefix("pool app back below saturation after") == true }
        #expect(endings.count == 1)
        #expect(endings.first?.text?.hasSuffix("peak 3/3 in use, \(peakWaiting) waiting") == true, "\(endings.first?.text ?? "")")
        #expect(try cli.run(["verify"]).status == 0)
        let report = try cli.run(["report"]).stdout
        #expect(report.contains("app"), "the postmortem draft names the pool")
    }

    private func startLab() throws {
        let lab = Process()
        lab.executableURL = URL(fileURLWithPath: CLI.repositoryRoot + "/scripts/pool-lab.sh")
        lab.arguments = ["start"]
        lab.environment = ProcessInfo.processInfo.environment.merging(["SITREP_POOL_LAB_PORT": Self.port]) { $1 }
        let errors = try OutputFile()
        lab.standardOutput = FileHandle.nullDevice
        lab.standardError = errors.handle
        try lab.run()
        lab.waitUntilExit()
        try #require(lab.terminationStatus == 0, """
            scripts/pool-lab.sh start failed (needs PostgreSQL and PgBouncer: \
            apt-get install postgresql pgbouncer): \(errors.text)
            """)
    }

    /// Far more clients than the pool has connections, each holding one for a second.
    private func runLoad() throws {
        var clients: [Process] = []
        for _ in 0..<Self.clients {
            let client = Process()
            client.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
            client.arguments = ["-X", "-q", "-h", "127.0.0.1", "-p", Self.port, "-U", "postgres", "-d", "app",
                                "-c", "select pg_sleep(\(Self.secondsEach))"]
            client.environment = ["PGCONNECT_TIMEOUT": "10", "PATH": "/usr/bin:/bin"]
            client.standardOutput = FileHandle.nullDevice
            client.standardError = FileHandle.nullDevice
            try client.run()
            clients.append(client)
        }
        for client in clients { client.waitUntilExit() }
        #expect(clients.allSatisfy { $0.terminationStatus == 0 }, "every client got its turn")
    }
}
