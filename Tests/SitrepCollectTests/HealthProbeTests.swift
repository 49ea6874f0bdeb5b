import Foundation
import Testing
@testable import SitrepCollect

@Suite("Health checks against a real HTTP server")
struct HealthProbeTests {
    let fetcher = HTTPFetcher.shared

    /// The whole test suite shares two cooperative threads with tests that block them, so a
    /// measured latency can include seconds of waiting to be scheduled: "up" tests allow for it.
    private static let patientDegradedMs = 60_000.0

    private func probe(_ url: URL, timeout: Duration = .seconds(60), degradedMs: Double = patientDegradedMs) -> HealthProbe {
        var check = HealthCheck(service: "checkout", url: url)
        check.timeout = timeout
        check.degradedMilliseconds = degradedMs
        return HealthProbe(check: check, fetcher: fetcher)
    }

    @Test("a quick 200 is up, with its latency")
    func quickAnswerIsUp() async throws {
        let server = try TestHTTPServer(.init(status: 200))
        defer { server.stop() }
        let sample = await probe(server.url("/healthz")).sample()
        #expect(sample.state == .up)
        #expect(sample.reason == nil)
        let latency = try #require(sample.latencyMilliseconds)
        #expect(latency >= 0 && latency < Self.patientDegradedMs)
    }

    @Test("a 200 slower than degraded_ms is degraded, and says how slow")
    func slowAnswerIsDegraded() async throws {
        let server = try TestHTTPServer(.init(status: 200, delay: .milliseconds(300)))
        defer { server.stop() }
        let sample = await probe(server.url(), degradedMs: 100).sample()
        #expect(sample.state == .degraded)
        #expect(try #require(sample.latencyMilliseconds) >= 300)
        #expect(sample.reason?.hasPrefix("slow: ") == true)
        #expect(sample.reason?.hasSuffix("(over 100 ms)") == true)
    }

    @Test("an error status is down, with the status as the reason")
    func errorStatusIsDown() async throws {
        let server = try TestHTTPServer(.init(status: 503, body: "overloaded"))
        defer { server.stop() }
        let sample = await probe(server.url()).sample()
        #expect(sample.state == .down)
        #expect(sample.reason?.hasPrefix("HTTP 503") == true)
    }

    @Test("a redirect is an answer: up, and not followed")
    func redirectIsUp() async throws {
        let server = try TestHTTPServer { path, _ in
            path == "/login" ? .init(status: 500) : .init(status: 302, headers: [("Location", "/login")])
        }
        defer { server.stop() }
        let sample = await probe(server.url("/healthz")).sample()
        #expect(sample.state == .up)
        #expect(server.requestCount == 1)
    }

    @Test("a refused connection is down: connection refused")
    func refusedIsDown() async throws {
        let port = try TestHTTPServer.refusedPort()
        let started = ContinuousClock.now
        // A deadline far from the bound below: the suite's first seconds can hold this task off
        // the cooperative pool for half a minute on a 2-core machine.
        let sample = await probe(URL(string: "http://127.0.0.1:\(port)/")!, timeout: .seconds(180)).sample()
        #expect(sample == HealthSample(state: .down, reason: "connection refused"))
        #expect(ContinuousClock.now - started < .seconds(90), "said so at once, not at the deadline")
    }

    @Test("no answer within the timeout is down, and the check waits the whole timeout, no less")
    func timeoutIsDown() async throws {
        let server = try TestHTTPServer(.init(status: 200, delay: .seconds(60)))
        defer { server.stop() }
        let started = ContinuousClock.now
        let sample = await probe(server.url(), timeout: .milliseconds(300)).sample()
        let took = ContinuousClock.now - started
        #expect(sample == HealthSample(state: .down, reason: "no answer within 300ms"))
        // FoundationNetworking alone gave up after 4 ms here (it rounds 0.3 s down to 0).
        #expect(took >= .milliseconds(290))
        #expect(took < .seconds(30), "gave up at the deadline, not when the server answered")
    }

    @Test("an endpoint that streams without end is cut off at the size cap: down, and memory stays bounded")
    func endlessBodyIsCutOff() async throws {
        let server = try TestHTTPServer(.init(body: String(repeating: "ok ", count: 20_000), streamsForeverPausing: .milliseconds(2)))
        defer { server.stop() }
        let sample = await probe(server.url(), timeout: .seconds(20)).sample()
        #expect(sample.state == .down)
        #expect(sample.reason == "answer larger than 1024 KiB")
    }

    @Test("many checks on one host run at once: none waits behind the others")
    func manyChecksOnOneHost() async throws {
        let server = try TestHTTPServer(.init(status: 200, delay: .seconds(2)))
        defer { server.stop() }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<10 { group.addTask { _ = await probe(server.url(), timeout: .seconds(30)).sample() } }
        }
        #expect(server.mostAtOnce == 10)
    }

    @Test("a body that trickles in past the timeout is down at the timeout, not when it ends")
    func tricklingBodyTimesOut() async throws {
        let server = try TestHTTPServer(.init(body: "x", streamsForeverPausing: .milliseconds(100)))
        defer { server.stop() }
        let sample = await probe(server.url(), timeout: .milliseconds(500)).sample()
        #expect(sample == HealthSample(state: .down, reason: "no answer within 500ms"))
    }
}
