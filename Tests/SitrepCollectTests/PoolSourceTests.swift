import Foundation
import TestSupport
import Testing
@testable import SitrepCollect

@Suite("Pool sources: a Prometheus endpoint and a shell command")
struct PoolSourceTests {
    let fetcher = HTTPFetcher.shared

    private func hikari(active: Int, pending: Int) -> String {
        """
        # HELP hikaricp_connections_active Active connections
        # TYPE hikaricp_connections_active gauge
        hikaricp_connections_active{pool="primary",instance="web-1"} \(active)
        hikaricp_connections_active{pool="primary",instance="web-2"} \(active)
        hikaricp_connections_active{pool="reporting",instance="web-1"} 1
        hikaricp_connections_max{pool="primary",instance="web-1"} 10
        hikaricp_connections_max{pool="primary",instance="web-2"} 10
        hikaricp_connections_pending{pool="primary",instance="web-1"} \(pending)
        hikaricp_connections_pending{pool="primary",instance="web-2"} 0

        """
    }

    private func selectors(waiting: Bool = true) throws -> PoolSelectors {
        PoolSelectors(
            inUse: try MetricSelector(parsing: #"hikaricp_connections_active{pool="primary"}"#),
            max: try MetricSelector(parsing: #"hikaricp_connections_max{pool="primary"}"#),
            waiting: waiting ? try MetricSelector(parsing: #"hikaricp_connections_pending{pool="primary"}"#) : nil
        )
    }

    @Test("values that change between scrapes are read afresh, matching series summed")
    func changingValues() async throws {
        let server = try TestHTTPServer { _, count in
            .init(body: count == 1 ? self.hikari(active: 3, pending: 0) : self.hikari(active: 10, pending: 7))
        }
        defer { server.stop() }
        let source = PrometheusPoolSource(url: server.url("/metrics"), selectors: try selectors(), timeout: .seconds(60), fetcher: fetcher)
        #expect(try await source.read() == PoolReading(inUse: 6, max: 20, waiting: 0))
        #expect(try await source.read() == PoolReading(inUse: 20, max: 20, waiting: 7))
    }

    @Test("malformed exposition text is an error naming the line, not a half-read pool")
    func malformedExposition() async throws {
        let broken = hikari(active: 3, pending: 0) + "hikaricp_connections_idle{pool=\"primary\" 4\n"
        let server = try TestHTTPServer(.init(body: broken))
        defer { server.stop() }
        let source = PrometheusPoolSource(url: server.url("/metrics"), selectors: try selectors(), timeout: .seconds(60), fetcher: fetcher)
        let error = await #expect(throws: PoolSourceError.self) { try await source.read() }
        #expect(error?.description.contains("line 10") == true, "\(error?.description ?? "no error")")
    }

    @Test("an HTML page, an error status or a missing series each say what is wrong")
    func otherBadAnswers() async throws {
        let html = try TestHTTPServer(.init(body: "<html><body>Login</body></html>"))
        let failing = try TestHTTPServer(.init(status: 500, body: "boom"))
        let missing = try TestHTTPServer(.init(body: "hikaricp_connections_active{pool=\"primary\"} 3\n"))
        defer { [html, failing, missing].forEach { $0.stop() } }
        for (server, expected) in [(html, "line 1"), (failing, "HTTP 500"), (missing, "no series matches hikaricp_connections_max")] {
            let source = PrometheusPoolSource(url: server.url("/metrics"), selectors: try selectors(), timeout: .seconds(60), fetcher: fetcher)
            let error = await #expect(throws: PoolSourceError.self) { try await source.read() }
            #expect(error?.description.contains(expected) == true, "\(error?.description ?? "no error")")
        }
    }

    /// What PgBouncer's exporters send before the first client: the pool size (SHOW DATABASES)
    /// but no pool rows (SHOW POOLS), and so no in-use or waiting series at all.
    @Test("an idle PgBouncer's missing pool rows read as 0 in use, said as an assumption; a missing optional figure is left out")
    func idlePoolerWithoutPoolRows() async throws {
        let idle = """
            # TYPE pgbouncer_databases_pool_size gauge
            pgbouncer_databases_pool_size{database="app"} 3
            pgbouncer_up 1

            """
        let server = try TestHTTPServer(.init(body: idle))
        defer { server.stop() }
        let selectors = PoolSelectors(
            inUse: try MetricSelector(parsing: #"pgbouncer_pools_server_active_connections{database="app"}"#),
            max: try MetricSelector(parsing: #"pgbouncer_databases_pool_size{database="app"}"#),
            waiting: try MetricSelector(parsing: #"pgbouncer_pools_client_waiting_connections{database="app"}"#))
        let source = PrometheusPoolSource(url: server.url("/metrics"), selectors: selectors, timeout: .seconds(60), fetcher: fetcher)
        let reading = try await source.read()
        #expect(reading == PoolReading(inUse: 0, max: 3, waiting: nil))
        #expect(reading.waiting == nil, "left out, not made up")
        #expect(reading.assumption?.contains("read as 0 in use") == true, "\(reading.assumption ?? "no assumption")")
    }

    @Test("a reading above the pool's size is flagged: the selectors read the wrong figures")
    func aboveMaxLooksWrong() {
        #expect(PoolReading(inUse: 9, max: 4).looksWrong)
        #expect(!PoolReading(inUse: 4, max: 4).looksWrong)
        let caveats = Collector.caveats(of: PoolReading(inUse: 9, max: 4))
        #expect(caveats.map(\.kind) == ["above max"])
        #expect(caveats.first?.text.hasPrefix("9 in use of a pool of 4: more than the pool holds") == true)
    }

    @Test("a refused endpoint is an error, not a reading")
    func refusedEndpoint() async throws {
        let port = try TestHTTPServer.refusedPort()
        let source = PrometheusPoolSource(url: URL(string: "http://127.0.0.1:\(port)/metrics")!, selectors: try selectors(),
                                          timeout: .seconds(60), fetcher: fetcher)
        let error = await #expect(throws: PoolSourceError.self) { try await source.read() }
        #expect(error?.description.contains("connection refused") == true)
    }

    @Test("a command printing one JSON object is read")
    func commandReading() async throws {
        let source = CommandPoolSource(command: #"printf '{"in_use": 3, "max": 3, "waiting": 17, "idle": 0}\n'"#, timeout: .seconds(60))
        #expect(try await source.read() == PoolReading(inUse: 3, max: 3, waiting: 17, idle: 0))
    }

    @Test("a failing, garbled, incomplete or hanging command says why", arguments: [
        ("echo 'psql: connection refused' >&2; exit 2", "exited with status 2: psql: connection refused"),
        ("echo 'not json'", "not one JSON object"),
        (#"echo '{"in_use": 3}'"#, "no max"),
        (#"echo '{"in_use": "three", "max": 3}'"#, "in_use that is not a number"),
        (#"echo '{"in_use": 3, "max": 0}'"#, "max is 0"),
        (#"echo '{"in_use": -1, "max": 3}'"#, "in_use is -1.0"),
    ])
    func badCommands(command: String, expected: String) async throws {
        let source = CommandPoolSource(command: command, timeout: .seconds(60))
        let error = await #expect(throws: PoolSourceError.self) { try await source.read() }
        #expect(error?.description.contains(expected) == true, "\(error?.description ?? "no error")")
    }

    /// Alive and not a zombie: an orphan killed here waits for PID 1 to reap it, which can be slow.
    private static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let afterName = stat.range(of: ") ")?.upperBound else { return false }
        return stat[afterName] != "Z"
    }

    @Test("a command that hangs is killed at its timeout, with what it started")
    func hangingCommand() async throws {
        let pidFile = NSTemporaryDirectory() + "sitrep-hang-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        let started = ContinuousClock.now
        // The shell waits for a child: killing only the shell would leave `sleep` running.
        let source = CommandPoolSource(command: "sleep 120 & echo $! > \(pidFile); wait", timeout: .milliseconds(300))
        let error = await #expect(throws: PoolSourceError.self) { try await source.read() }
        #expect(error?.description == "command did not finish within 300ms; killed")
        #expect(ContinuousClock.now - started < .seconds(60), "returned at the deadline, not when the command ended")
        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(await Self.ends(pid), "the command is still running")
    }

    @Test("a command that prints without end is cut off at 64 KiB and killed")
    func endlessOutput() async throws {
        let source = CommandPoolSource(command: "yes", timeout: .seconds(30))
        let error = await #expect(throws: PoolSourceError.self) { try await source.read() }
        #expect(error?.description == "command printed more than 64 KiB; killed")
    }

    @Test("a command that leaves a child behind is read when the shell exits, and the child is killed")
    func leftoverChild() async throws {
        let pidFile = NSTemporaryDirectory() + "sitrep-leftover-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        let command = #"sleep 120 & echo $! > "# + pidFile + #"; echo '{"in_use": 1, "max": 3}'"#
        let started = ContinuousClock.now
        #expect(try await CommandPoolSource(command: command, timeout: .seconds(60)).read() == PoolReading(inUse: 1, max: 3))
        #expect(ContinuousClock.now - started < .seconds(30), "did not wait for the child")
        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(await Self.ends(pid))
    }

    @Test("stopping the collector stops a running command at once, with its children")
    func cancelledCommand() async throws {
        let pidFile = NSTemporaryDirectory() + "sitrep-cancel-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        let source = CommandPoolSource(command: "sleep 120 & echo $! > \(pidFile); wait", timeout: .seconds(600))
        let reading = Task { try await source.read() }
        // The shell creates the file before it writes the number: wait for the number, as long as
        // the suite's first seconds may hold the command's start back on a 2-core machine.
        #expect(await eventually(seconds: 90) { Self.pid(in: pidFile) != nil }, "the command never started")
        let started = ContinuousClock.now
        reading.cancel()
        let error = await #expect(throws: PoolSourceError.self) { try await reading.value }
        #expect(error?.description == "stopped")
        #expect(ContinuousClock.now - started < .seconds(30))
        let pid = try #require(Self.pid(in: pidFile))
        #expect(await Self.ends(pid))
    }

    private static func pid(in file: String) -> Int32? {
        (try? String(contentsOfFile: file, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Waits up to 5 s for a process to be gone (or a zombie, which PID 1 here may reap late).
    private static func ends(_ pid: Int32) async -> Bool {
        await eventually(seconds: 5) { !isRunning(pid) }
    }
}
