import Foundation
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The session's delegate: gathers each transfer's body and ends it exactly once, whichever
/// comes first of its completion, its size cap, its deadline or its caller's cancellation.
final class TransferTracker: NSObject, URLSessionDataDelegate, Sendable {
    typealias Outcome = Result<(status: Int, body: Data), HTTPFetcher.Failure>

    private struct Transfer {
        var continuation: CheckedContinuation<Outcome, Never>
        var limit: Int
        var timeout: Duration
        var status = 0
        var body = Data()
    }

    private let transfers = Mutex<[Int: Transfer]>([:])

    func begin(_ task: URLSessionTask, limit: Int, timeout: Duration, continuation: CheckedContinuation<Outcome, Never>) {
        transfers.withLock { $0[task.taskIdentifier] = Transfer(continuation: continuation, limit: limit, timeout: timeout) }
    }

    /// Ends the transfer with `outcome` unless it has ended already; cancels what is still running.
    func end(_ task: URLSessionTask, with outcome: Outcome) {
        guard let transfer = transfers.withLock({ $0.removeValue(forKey: task.taskIdentifier) }) else { return }
        task.cancel()
        transfer.continuation.resume(returning: outcome)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        transfers.withLock { $0[dataTask.taskIdentifier]?.status = status }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let limit: Int? = transfers.withLock { transfers in
            guard var transfer = transfers[dataTask.taskIdentifier] else { return nil }
            guard transfer.body.count + data.count <= transfer.limit else { return transfer.limit }
            transfer.body.append(data)
            transfers[dataTask.taskIdentifier] = transfer
            return nil
        }
        if let limit { end(dataTask, with: .failure(.tooLarge(limit: limit))) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let transfer = transfers.withLock({ $0[task.taskIdentifier] }) else { return }
        if let error {
            end(task, with: .failure(Self.failure(error, transfer.timeout)))
        } else if transfer.status == 0 {
            end(task, with: .failure(.other("not an HTTP answer")))
        } else {
            end(task, with: .success((transfer.status, transfer.body)))
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    private static func failure(_ error: any Error, _ timeout: Duration) -> HTTPFetcher.Failure {
        guard let urlError = error as? URLError else { return .other("\(error)") }
        switch urlError.code {
        case .cannotConnectToHost: return .refused
        case .timedOut: return .timedOut(timeout)
        case .cancelled: return .cancelled
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
