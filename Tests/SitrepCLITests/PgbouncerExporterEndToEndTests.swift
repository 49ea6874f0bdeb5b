import Foundation
import TestSupport
import Testing
@testable import IncidentCore

/// `sitrep collect` scraping the PyPI prometheus-pgbouncer-exporter (2.x) in front of the pool
/// lab's real PgBouncer, with the selectors the README gives for it: clients queue and one alert
/// lands; PgBouncer stops and the exporter's `pgbouncer_up 0` is a critical alert within three
/// reads; PgBouncer starts again and a note ends the outage.
@Suite(.oneAtATime, .serialized, .timeLimit(.minutes(5)))
struct PgbouncerExporterEndToEndTests {
    static let labPort = ProcessInfo.processInfo.environment["SITREP_POOL_LAB_PORT"] ?? "56432"
    static let exporter = Repository.file(".build-venv/pgbouncer-exporter/bin/pgbouncer-exporter")

    @Test func aQueueAStoppedPoolerAndItsReturnEachLandOnce() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.exporter),
                     "run scripts/pgbouncer-exporter-venv.sh first (.ci/run does)")
        let scratch = TemporaryFolder()
        try #require(try lab(["start"], in: scratch) == 0, "the pool lab did not start")
        defer { _ = try? lab(["start"], in: scratch) }  // PgBouncer back for the tests after this one

        let exporterPort = try RealAlertmanager.freePort()
        try """
            exporter_host: 127.0.0.1
            exporter_port: \(exporterPort)
            pgbouncers:
              - dsn: postgresql://sitrep@127.0.0.1:\(Self.labPort)/pgbouncer
                connect_timeout: 2
            """.write(toFile: scratch.file("exporter.yml"), atomically: true, encoding: .utf8)
        let exporter = Process()
        exporter.executableURL = URL(fileURLWithPath: Self.exporter)
        exporter.arguments = ["--config", scratch.file("exporter.yml"), "--log-file", scratch.file("exporter.log")]
        try exporter.run()
        defer { stop(exporter) }

        try """
            [[pool]]
            name = "app"
            every = "500ms"
            url = "http://127.0.0.1:\(exporterPort)/metrics"
            in_use = 'pgbouncer_pools_server_active_connections{database="app"}'
            max = 'pgbouncer_databases_database_pool_size{database="app"}'
            waiting = 'pgbouncer_pools_client_waiting_connections{database="app"}'
            up = "pgbouncer_up"
            """.write(toFile: scratch.file("collect.toml"), atomically: true, encoding: .utf8)
        let running = try CLI(folder: scratch.path).launch(["collect", "--config", "collect.toml"])
        defer { stop(running.process) }
        #expect(eventually(seconds: 30) { scratch.eventsSoFar().contains { $0.kind == .pool && $0.max == 3 } },
                "no pool sample; collect said: \(running.errors.text)")

        #expect(try lab(["load", "18", "1"], in: scratch) == 0, "every client got its turn")
        #expect(eventually(seconds: 30) { scratch.eventsSoFar().contains { $0.kind == .alert && $0.level == "critical" } },
                "no alert for the queue; collect said: \(running.errors.text)")

        #expect(try lab(["stop-bouncer"], in: scratch) == 0)
        let stopped = ContinuousClock.now
        #expect(eventually(seconds: 30) { scratch.eventsSoFar().contains { $0.text?.hasPrefix("pool app's pooler is down") == true } },
                "collect said: \(running.errors.text)")
        // Three reads at 500 ms, each waiting up to the exporter's 2 s connect timeout.
        #expect(ContinuousClock.now - stopped < .seconds(10), "the outage took \(ContinuousClock.now - stopped) to show")

        #expect(try lab(["start"], in: scratch) == 0)
        #expect(eventually(seconds: 30) { scratch.eventsSoFar().contains { $0.text?.hasPrefix("pool app's pooler is up again") == true } },
                "collect said: \(running.errors.text)")
        running.process.terminate()
        running.process.waitUntilExit()

        let alerts = try scratch.events().filter { $0.kind == .alert }.map { $0.text ?? "" }
        #expect(alerts.filter { $0.hasPrefix("pool app's pooler is down: pgbouncer_up is 0") }.count == 1, "\(alerts)")
        #expect(!alerts.contains { $0.hasPrefix("monitoring is blind") }, "the exporter said why: not blind. \(alerts)")
        #expect(alerts.count <= 3, "one saturation episode (maybe turning critical) and one outage: \(alerts)")
    }

    /// scripts/pool-lab.sh on the lab's port, through ChildProcess (the daemons `start` leaves
    /// would hold Process's exit watch open); its exit status.
    private func lab(_ arguments: [String], in scratch: TemporaryFolder) throws -> Int32 {
        let environment = ProcessInfo.processInfo.environment.merging(["SITREP_POOL_LAB_PORT": Self.labPort]) { $1 }
        return try ChildProcess.run([Repository.root + "/scripts/pool-lab.sh"] + arguments, environment: environment,
                                    output: scratch.file("pool-lab-\(arguments[0]).out"),
                                    errors: scratch.file("pool-lab-\(arguments[0]).err"))
    }
}
