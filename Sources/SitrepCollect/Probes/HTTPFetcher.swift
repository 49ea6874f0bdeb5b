import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP GET with a hard deadline, for health checks and scrapes. Redirects are not followed:
/// a health endpoint answering 302 to a login page has answered, and that answer is what counts.
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
        case other(String)

        public var description: String {
            switch self {
            case .refused: "connection refused"
            case .timedOut(let limit): "no answer within \(DurationSetting.text(limit))"
            case .tooLarge(let limit): "answer larger than \(limit / 1024 / 1024) MiB"
            case .other(let reason): reason
            }
        }
    }

    private let session: URLSession

    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        configuration.urlCache = nil
        configuration.httpShouldSetCookies = false
        session = URLSession(configuration: configuration, delegate: RedirectRefuser(), delegateQueue: nil)
    }

    deinit { session.invalidateAndCancel() }

    public func get(_ url: URL, timeout: Duration, accept: String = "*/*", maxBytes: Int = 16 << 20) async -> Result<Response, Failure> {
        let clock = ContinuousClock()
        let started = clock.now
        let session = self.session
        // URLSession's own timeout is an idle timeout; the race makes it a deadline for the whole answer.
        let outcome = await withTaskGroup(of: Result<(Data, URLResponse), Failure>?.self) { group in
            group.addTask {
                var request = URLRequest(url: url)
                // FoundationNetworking rounds this down to whole seconds (0.3 s became "at once"):
                // the race below keeps the real deadline, this is only a backstop.
                request.timeoutInterval = timeout.seconds.rounded(.up) + 1
                request.setValue("sitrep-collect", forHTTPHeaderField: "User-Agent")
                request.setValue(accept, forHTTPHeaderField: "Accept")
                do { return .success(try await session.data(for: request)) } catch { return .failure(Self.failure(error, timeout)) }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return Task.isCancelled ? nil : .failure(.timedOut(timeout))
            }
            var first: Result<(Data, URLResponse), Failure>?
            while first == nil, let next = await group.next() { first = next }
            group.cancelAll()
            return first ?? .failure(.other("cancelled"))
        }
        let elapsed = clock.now - started
        return outcome.flatMap { data, response in
            guard let http = response as? HTTPURLResponse else { return .failure(.other("not an HTTP answer")) }
            guard data.count <= maxBytes else { return .failure(.tooLarge(limit: maxBytes)) }
            return .success(Response(status: http.statusCode, body: data, elapsed: elapsed))
        }
    }

    private static func failure(_ error: any Error, _ timeout: Duration) -> Failure {
        guard let urlError = error as? URLError else { return .other("\(error)") }
        switch urlError.code {
        case .cannotConnectToHost: return .refused
        case .timedOut: return .timedOut(timeout)
        case .cannotFindHost, .dnsLookupFailed: return .other("cannot resolve host")
        case .networkConnectionLost: return .other("connection closed before a full answer")
        case .badServerResponse: return .other("malformed HTTP answer")
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            return .other("TLS failed: \(urlError.localizedDescription)")
        default: return .other(urlError.localizedDescription)
        }
    }
}

private final class RedirectRefuser: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
