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
        // The classic text format: OpenMetrics' exemplars and newer escapings are not read.
        switch await fetcher.get(url, timeout: timeout, accept: "text/plain;version=0.0.4;q=1,*/*;q=0.1") {
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
            samples = try PrometheusExposition.parse(text)
        } catch {
            throw PoolSourceError("\(url.absoluteString): \(error)")
        }
        return try reading(from: samples)
    }

    func reading(from samples: [PrometheusSample]) throws(PoolSourceError) -> PoolReading {
        func value(_ selector: MetricSelector) throws(PoolSourceError) -> Double {
            guard let sum = selector.sum(in: samples) else {
                throw PoolSourceError("\(url.absoluteString): no series matches \(selector)")
            }
            return sum
        }
        return try PoolReading.validated(
            inUse: try value(selectors.inUse),
            max: try value(selectors.max),
            waiting: try selectors.waiting.map { selector throws(PoolSourceError) in try value(selector) },
            idle: try selectors.idle.map { selector throws(PoolSourceError) in try value(selector) }
        )
    }
}
