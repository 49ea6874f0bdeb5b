import Foundation
import TestSupport
import Testing
@testable import SitrepCollect

/// OpenMetrics text, as exporters answer when asked for it the way Prometheus asks.
@Suite("OpenMetrics: negotiated, and read with its timestamps and exemplars")
struct OpenMetricsTests {
    /// In the shape of the OpenMetrics 1.0 specification's examples.
    static let page = """
        # TYPE pgbouncer_pools_server_active_connections gauge
        # UNIT pgbouncer_pools_server_active_connections connections
        # HELP pgbouncer_pools_server_active_connections Server connections linked to a client
        pgbouncer_pools_server_active_connections{database="app",user="app"} 3 1520879607.789
        # TYPE pgbouncer_pools_client_waiting_connections gauge
        pgbouncer_pools_client_waiting_connections{database="app",user="app"} 17
        # TYPE pgbouncer_databases_pool_size gauge
        pgbouncer_databases_pool_size{name="app"} 3
        # TYPE http_requests counter
        http_requests_total{code="200"} 1027 # {trace_id="KOO5S4vxi0o"} 0.67 1520879607.789
        http_requests_created{code="200"} 1520430000.123
        # EOF

        """

    static let selectors = try! PoolSelectors(
        inUse: MetricSelector(parsing: #"pgbouncer_pools_server_active_connections{database="app"}"#),
        max: MetricSelector(parsing: #"pgbouncer_databases_pool_size{name="app"}"#),
        waiting: MetricSelector(parsing: #"pgbouncer_pools_client_waiting_connections{database="app"}"#))

    @Test func theContentTypeNamesTheFormat() {
        #expect(ExpositionFormat(contentType: "application/openmetrics-text; version=1.0.0; charset=utf-8") == .openMetrics)
        #expect(ExpositionFormat(contentType: "text/plain; version=0.0.4; charset=utf-8") == .prometheusText)
        #expect(ExpositionFormat(contentType: nil) == .prometheusText)
        #expect(ExpositionFormat.accept.hasPrefix("application/openmetrics-text;version=1.0.0,"))
    }

    @Test func timestampsInSecondsAndExemplarsAreRead() throws {
        let samples = try PrometheusExposition.parse(Self.page, format: .openMetrics)
        #expect(samples.count == 5)
        #expect(samples.first { $0.name == "http_requests_total" }?.value == 1027, "the sample's value, not the exemplar's")
        #expect(samples.first { $0.name == "pgbouncer_pools_server_active_connections" }?.value == 3)
    }

    @Test func theClassicFormatStillRefusesWhatOnlyOpenMetricsAllows() {
        #expect(throws: ExpositionError.self) { try PrometheusExposition.parse(Self.page, format: .prometheusText) }
        #expect(throws: ExpositionError.self) {
            try PrometheusExposition.parse("a 1 # {trace_id=\"x\"} oops\n", format: .openMetrics)
        }
    }

    @Test func aPoolIsReadFromAnExporterAnsweringInOpenMetrics() async throws {
        let server = try TestHTTPServer { _, _ in
            .init(body: Self.page, headers: [("Content-Type", "application/openmetrics-text; version=1.0.0; charset=utf-8")])
        }
        defer { server.stop() }
        let source = PrometheusPoolSource(url: server.url("/metrics"), selectors: Self.selectors, timeout: .seconds(60),
                                          fetcher: HTTPFetcher.shared)
        #expect(try await source.read() == PoolReading(inUse: 3, max: 3, waiting: 17))
        #expect(server.lastAccept?.hasPrefix("application/openmetrics-text") == true, "asked as Prometheus asks: \(server.lastAccept ?? "nothing")")
    }
}
