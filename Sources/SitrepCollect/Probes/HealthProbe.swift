import Foundation
// The status's phrase comes from NIO, not FoundationNetworking: importing that loads libcurl and
// some thirty libraries into every start of sitrep, recording commands included (7 ms of 12).
import NIOHTTP1

/// One look at a service: what a health check found, before anything decides to write it.
public struct HealthSample: Sendable, Equatable {
    public enum State: String, Sendable { case up, degraded, down }

    public var state: State
    /// Nil when nothing answered (refused, timed out).
    public var latencyMilliseconds: Double?
    /// Why it is not up: `HTTP 503`, `connection refused`, `slow: 812 ms (over 500 ms)`.
    public var reason: String?

    public init(state: State, latencyMilliseconds: Double? = nil, reason: String? = nil) {
        self.state = state
        self.latencyMilliseconds = latencyMilliseconds
        self.reason = reason
    }
}

/// An HTTP GET judged the way the issue defines health: 2xx/3xx within `degraded_ms` is up,
/// slower is degraded, an error status, a refused connection or a timeout is down.
public struct HealthProbe: Sendable {
    public let check: HealthCheck
    private let fetcher: HTTPFetcher

    public init(check: HealthCheck, fetcher: HTTPFetcher) {
        self.check = check
        self.fetcher = fetcher
    }

    public func sample() async -> HealthSample {
        switch await fetcher.get(check.url, timeout: check.timeout, maxBytes: 1 << 20) {
        case .failure(let failure):
            return HealthSample(state: .down, reason: failure.description)
        case .success(let response):
            return judge(response)
        }
    }

    func judge(_ response: HTTPFetcher.Response) -> HealthSample {
        let milliseconds = (response.elapsed.seconds * 1000 * 10).rounded() / 10
        guard (200..<400).contains(response.status) else {
            let phrase = HTTPResponseStatus(statusCode: response.status).reasonPhrase
            let reason = phrase.isEmpty ? "HTTP \(response.status)" : "HTTP \(response.status) \(phrase)"
            return HealthSample(state: .down, latencyMilliseconds: milliseconds, reason: reason)
        }
        guard milliseconds <= check.degradedMilliseconds else {
            let reason = "slow: \(Int(milliseconds.rounded())) ms (over \(Int(check.degradedMilliseconds)) ms)"
            return HealthSample(state: .degraded, latencyMilliseconds: milliseconds, reason: reason)
        }
        return HealthSample(state: .up, latencyMilliseconds: milliseconds)
    }
}
