import Foundation

/// A pool read from a Prometheus text exposition endpoint: each figure is the sum of the series
/// its selector matches, so `hikaricp_connections_active{pool="primary"}` over several instances adds up.
public struct PrometheusPoolSource: PoolSource {
    public let url: URL
    public let selectors: PoolSelectors
    public let timeout: Duration
    private let fetcher: HTTPFetcher

    public init(url: URL, selectors: PoolSelectors, timeout: Duration, fetcher: HTTPFetcher) {
        self.url = url
        self.selectors = selectors
        self.timeout = timeout
        self.fetcher = fetcher
    }

    public func read() async throws(PoolSourceError) -> PoolReading {
        let response: HTTPFetcher.Response
        switch await fetcher.get(url, timeout: timeout, accept: ExpositionFormat.accept) {
        case .failure(let failure): throw PoolSourceError("\(url.absoluteString): \(failure)")
        case .success(let answer): response = answer
        }
        guard (200..<300).contains(response.status) else {
            throw PoolSourceError("\(url.absoluteString): HTTP \(response.status)")
        }
        guard let text = String(data: response.body, encoding: .utf8) else {
            throw PoolSourceError("\(url.absoluteString): the answer is not UTF-8 text")
        }
        let samples: [PrometheusSample]
        do {
            samples = try PrometheusExposition.parse(text, format: ExpositionFormat(contentType: response.contentType))
        } catch {
            throw PoolSourceError("\(url.absoluteString): \(error)")
        }
        return try reading(from: samples)
    }

    /// `max` must match a series. A missing `in_use` next to it reads as 0, said once: PgBouncer's
    /// exporters take pool figures from SHOW POOLS, which has no row until a client connects,
    /// while the pool size comes from SHOW DATABASES. A missing optional figure is left out.
    func reading(from samples: [PrometheusSample]) throws(PoolSourceError) -> PoolReading {
        if let up = selectors.up, up.sum(in: samples) == 0 {
            throw PoolSourceError("\(up) is 0: the exporter answers, the pooler does not", poolerDown: true)
        }
        guard let max = selectors.max.sum(in: samples) else {
            throw PoolSourceError("\(url.absoluteString): no series matches \(selectors.max)")
        }
        let inUse = selectors.inUse.sum(in: samples)
        var reading = try PoolReading.validated(
            inUse: inUse ?? 0, max: max,
            waiting: selectors.waiting.flatMap { $0.sum(in: samples) },
            idle: selectors.idle.flatMap { $0.sum(in: samples) }
        )
        if inUse == nil {
            reading.assumption = "no series matches \(selectors.inUse) while \(selectors.max) does: read as 0 in use, "
                + "as an idle PgBouncer exports no pool rows; if clients are connected, the in_use selector is wrong"
        }
        return reading
    }
}
