import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP GET with a hard deadline and a size cap, for health checks and scrapes. The body is
/// gathered piece by piece, so an endpoint that streams without end is cut off at the cap, not
/// after filling memory; at the deadline the transfer itself is cancelled. Redirects are not
/// followed: a health endpoint answering 302 to a login page has answered, and that counts.
public final class HTTPFetcher: Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var body: Data
        public var elapsed: Duration
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

    private let session: URLSession
    private let transfers: TransferTracker
    private static let deadlines = DispatchQueue(label: "sitrep HTTP deadlines")

    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        configuration.urlCache = nil
        configuration.httpShouldSetCookies = false
        // The default of 6 queued a seventh check to the same host behind the others, and its
        // wait counted as the service's latency.
        configuration.httpMaximumConnectionsPerHost = 256
        transfers = TransferTracker()
        session = URLSession(configuration: configuration, delegate: transfers, delegateQueue: nil)
    }

    deinit { session.invalidateAndCancel() }

    public func get(_ url: URL, timeout: Duration, accept: String = "*/*", maxBytes: Int = 16 << 20) async -> Result<Response, Failure> {
        var request = URLRequest(url: url)
        // FoundationNetworking rounds this down to whole seconds (0.3 s became "at once"):
        // the deadline below is the real one, this is only a backstop.
        request.timeoutInterval = timeout.seconds.rounded(.up) + 1
        request.setValue("sitrep-collect", forHTTPHeaderField: "User-Agent")
        request.setValue(accept, forHTTPHeaderField: "Accept")
        let task = session.dataTask(with: request)
        let transfers = self.transfers
        let started = ContinuousClock.now
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfers.begin(task, limit: maxBytes, timeout: timeout, continuation: continuation)
                Self.deadlines.asyncAfter(deadline: .now() + timeout.seconds) {
                    transfers.end(task, with: .failure(.timedOut(timeout)))
                }
                task.resume()
            }
        } onCancel: {
            transfers.end(task, with: .failure(.cancelled))
        }
        let elapsed = ContinuousClock.now - started
        return outcome.map { status, body in Response(status: status, body: body, elapsed: elapsed) }
    }
}
