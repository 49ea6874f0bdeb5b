import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// One HTTP GET with a hard deadline and a size cap, for health checks and scrapes. The body is
/// read only as fast as it is gathered (SwiftNIO applies back-pressure), so an endpoint that
/// streams without end is cut off at the cap, not after filling memory. Redirects are not
/// followed: a health endpoint answering 302 to a login page has answered, and that counts.
public final class HTTPFetcher: Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var body: Data
        public var elapsed: Duration
        /// The `Content-Type` header, which says the format of a metrics page.
        public var contentType: String? = nil
    }

    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case refused
        case timedOut(Duration)
        case tooLarge(limit: Int)
        case cancelled
        case other(String)

        public var description: String {
            switch self {
            case .refused: "connection refused"
            case .timedOut(let limit): "no answer within \(DurationSetting.text(limit))"
            case .tooLarge(let limit): "answer larger than \(limit / 1024) KiB"
            case .cancelled: "cancelled"
            case .other(let reason): reason
            }
        }
    }

    /// One client for the whole process: an HTTPClient must be shut down before it goes away,
    /// and the collector needs it for as long as it runs.
    public static let shared = HTTPFetcher()

    private let client: HTTPClient

    private init() {
        // A soft limit of 8 connections per host queued a ninth check to the same host behind
        // the others, and its wait would have counted as the service's latency.
        var pool = HTTPClient.Configuration.ConnectionPool(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 256)
        // A refused connection is the answer ("down: connection refused"), now, not after
        // retrying until the deadline; the next check is the retry.
        pool.retryConnectionEstablishment = false
        let configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, connectionPool: pool)
        client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }

    public func get(_ url: URL, timeout: Duration, accept: String = "*/*", maxBytes: Int = 16 << 20) async -> Result<Response, Failure> {
        let client = self.client
        let started = ContinuousClock.now
        let deadline = NIODeadline.now() + .nanoseconds(Int64(timeout.seconds * 1e9))
        // AsyncHTTPClient's deadline ends the wait for the head, not for the body: the race
        // makes it a deadline for the whole answer, and cancelling the loser stops the transfer.
        let outcome = await withTaskGroup(of: Result<(Int, Data, String?), Failure>?.self) { group in
            group.addTask {
                var request = HTTPClientRequest(url: url.absoluteString)
                request.headers.add(name: "User-Agent", value: "sitrep-collect")
                request.headers.add(name: "Accept", value: accept)
                do {
                    return .success(try await client.execute(request, deadline: deadline).gatheredBody(upTo: maxBytes))
                } catch {
                    return .failure(Self.failure(error, timeout: timeout, maxBytes: maxBytes))
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return Task.isCancelled ? nil : .failure(.timedOut(timeout))
            }
            var first: Result<(Int, Data, String?), Failure>?
            while first == nil, let next = await group.next() { first = next }
            group.cancelAll()
            return first ?? .failure(.cancelled)
        }
        return outcome.map { status, body, contentType in
            Response(status: status, body: body, elapsed: ContinuousClock.now - started, contentType: contentType)
        }
    }

    private static func failure(_ error: any Error, timeout: Duration, maxBytes: Int) -> Failure {
        switch error {
        case is NIOTooManyBytesError: return .tooLarge(limit: maxBytes)
        case is CancellationError: return .cancelled
        case let error as HTTPClientError:
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout: return .timedOut(timeout)
            case .cancelled: return .cancelled
            case .remoteConnectionClosed: return .other("connection closed before a full answer")
            default: return .other("\(error)")
            }
        case let error as NIOConnectionError:
            let refused = error.connectionErrors.contains { ($0.error as? IOError)?.errnoCode == ECONNREFUSED }
            return refused ? .refused : .other("cannot connect to \(error.host):\(error.port)")
        case let error as IOError where error.errnoCode == ECONNREFUSED: return .refused
        default: return .other("\(error)")
        }
    }
}

extension HTTPClientResponse {
    /// The status, the body and its type, refusing a body over `limit` bytes as soon as it says
    /// so or grows past it.
    fileprivate func gatheredBody(upTo limit: Int) async throws -> (Int, Data, String?) {
        if let length = headers.first(name: "Content-Length").flatMap(Int.init), length > limit {
            throw NIOTooManyBytesError(maxBytes: limit)
        }
        let buffer = try await body.collect(upTo: limit)
        return (Int(status.code), Data(buffer.readableBytesView), headers.first(name: "Content-Type"))
    }
}
