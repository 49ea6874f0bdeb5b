import Foundation
import TestSupport
import Testing
@testable import IncidentCore

/// The seed outage, reproduced: a real PgBouncer pool of 3 in front of a real PostgreSQL, far
/// more clients than that, and `sitrep collect` watching it through examples/pgbouncer-pool.sh.
/// `scripts/pool-lab.sh` starts both servers (safe to repeat); `.ci/run` installs them.
@Suite(.oneAtATime, .serialized) struct PoolLabEndToEndTests {
    static let port = ProcessInfo.processInfo.environment["SITREP_POOL_LAB_PORT"] ?? "56432"
    static let clients = 18
    static let secondsEach = 1

    @Test func aPoolTooSmallForTheLoadIsSeenSaturatingAndRecovering() throws {
        let scratch = TemporaryFolder()
        try startLab(in: scratch)
        let cli = CLI(folder: scratch.path)
        // The README's lab steps as they are: the shipped config, run from the repository, which
        // takes the port from $SITREP_POOL_LAB_PORT as pool-lab.sh does.
        let running = try CLI(folder: Repository.root).launch(
            ["collect", "--config", "examples/collect-pool-lab.toml", "-j", scratch.file("incident.jsonl")],
            environment: ["SITREP_POOL_LAB_PORT": Self.port])
        let collector = running.process
        defer { stop(collector) }
        #expect(eventually(seconds: 20) { scratch.eventsSoFar().contains { $0.kind == .pool } },
                "no pool sample; collector said: \(running.errors.text)")

        try runLoad(in: scratch)
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

        // Which sample opens the episode is a race: PgBouncer opens its server connections as the
        // clients arrive, so the first one over the line may show a queue before any connection
        // is up, 3/3 in use with clients waiting, or 3/3 with nobody waiting yet. The last is a
        // warning, and the queue forming turns the episode critical with one more alert.
        let alerts = events.filter { $0.kind == .alert }
        let texts = alerts.map { $0.text ?? "" }
        let first = try #require(alerts.first)
        #expect(alerts.allSatisfy { $0.pool == "app" })
        if first.level == "warning" {
            #expect(texts.count == 2 && texts[0] == "pool app saturated: 3/3 in use (100%)", "\(texts)")
            #expect(alerts.last?.level == "critical" && texts.last?.hasPrefix("pool app now has ") == true, "\(texts)")
        } else {
            #expect(alerts.count == 1, "one alert for the episode: \(texts)")
            #expect(first.level == "critical" && texts[0].contains("waiting"), "\(texts)")
            #expect(texts[0].hasPrefix("pool app saturated: 3/3 in use (100%), ") || texts[0].hasPrefix("pool app has "), "\(texts)")
        }
        let endings = events.filter { $0.text?.hasPrefix("pool app back below saturation after") == true }
        #expect(endings.count == 1)
        #expect(endings.first?.text?.hasSuffix("peak 3/3 in use, \(peakWaiting) waiting") == true, "\(endings.first?.text ?? "")")
        #expect(try cli.run(["verify"]).status == 0)
        let report = try cli.run(["report"]).stdout
        #expect(report.contains("app"), "the postmortem draft names the pool")
    }

    private func startLab(in scratch: TemporaryFolder) throws {
        let (status, errors) = try lab(["start"], in: scratch)
        try #require(status == 0, """
            scripts/pool-lab.sh start failed (needs PostgreSQL and PgBouncer: \
            apt-get install postgresql pgbouncer): \(errors)
            """)
    }

    /// Far more clients than the pool has connections, each holding one for a second: the
    /// README's `scripts/pool-lab.sh load`, which fails if any client did not get its turn.
    private func runLoad(in scratch: TemporaryFolder) throws {
        let (status, errors) = try lab(["load", "\(Self.clients)", "\(Self.secondsEach)"], in: scratch)
        #expect(status == 0, "every client got its turn: \(errors)")
    }

    /// Runs scripts/pool-lab.sh on this suite's port; its exit status and what it said on stderr.
    /// Through ChildProcess, not Process: the daemons `start` leaves would hold Process's exit
    /// watch open, and the test would wait for them forever.
    private func lab(_ arguments: [String], in scratch: TemporaryFolder) throws -> (status: Int32, errors: String) {
        let environment = ProcessInfo.processInfo.environment.merging(["SITREP_POOL_LAB_PORT": Self.port]) { $1 }
        let errors = scratch.file("pool-lab-\(arguments[0]).err")
        let status = try ChildProcess.run([Repository.root + "/scripts/pool-lab.sh"] + arguments, environment: environment,
                                          output: scratch.file("pool-lab-\(arguments[0]).out"), errors: errors)
        return (status, (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")
    }
}
