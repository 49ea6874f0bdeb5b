import Testing
import SitrepCollect

/// What HikariCP's Micrometer registry serves on /actuator/prometheus: note the trailing comma
/// inside the braces and the Java-style exponent.
let hikariScrape = #"""
    # HELP hikaricp_connections_active Active connections
    # TYPE hikaricp_connections_active gauge
    hikaricp_connections_active{pool="primary",} 12.0
    hikaricp_connections_active{pool="reporting",} 3.0
    # HELP hikaricp_connections_idle Idle connections
    # TYPE hikaricp_connections_idle gauge
    hikaricp_connections_idle{pool="primary",} 8.0
    hikaricp_connections_idle{pool="reporting",} 2.0
    # HELP hikaricp_connections_pending Pending threads
    # TYPE hikaricp_connections_pending gauge
    hikaricp_connections_pending{pool="primary",} 37.0
    hikaricp_connections_pending{pool="reporting",} 0.0
    # HELP hikaricp_connections_max Max connections
    # TYPE hikaricp_connections_max gauge
    hikaricp_connections_max{pool="primary",} 20.0
    hikaricp_connections_max{pool="reporting",} 5.0
    # HELP hikaricp_connections_acquire_seconds Connection acquire time
    # TYPE hikaricp_connections_acquire_seconds summary
    hikaricp_connections_acquire_seconds_count{pool="primary",} 1.9843E4
    hikaricp_connections_acquire_seconds_sum{pool="primary",} 4211.571
    # HELP hikaricp_connections_acquire_seconds_max Connection acquire time
    # TYPE hikaricp_connections_acquire_seconds_max gauge
    hikaricp_connections_acquire_seconds_max{pool="primary",} 30.001

    """#

/// An excerpt of prometheus-community/pgbouncer_exporter's output.
let pgbouncerScrape = #"""
    # HELP pgbouncer_up The pgbouncer scrape succeeded
    # TYPE pgbouncer_up gauge
    pgbouncer_up 1
    # HELP pgbouncer_pools_client_waiting_connections Client connections that have sent queries but have not yet got a server connection
    # TYPE pgbouncer_pools_client_waiting_connections gauge
    pgbouncer_pools_client_waiting_connections{database="app",user="app"} 14
    pgbouncer_pools_client_waiting_connections{database="app",user="admin"} 1
    pgbouncer_pools_client_waiting_connections{database="pgbouncer",user="pgbouncer"} 0
    # HELP pgbouncer_pools_server_active_connections Server connections that are linked to a client
    # TYPE pgbouncer_pools_server_active_connections gauge
    pgbouncer_pools_server_active_connections{database="app",user="app"} 20
    pgbouncer_pools_server_active_connections{database="app",user="admin"} 2
    pgbouncer_pools_server_active_connections{database="pgbouncer",user="pgbouncer"} 0
    # HELP pgbouncer_databases_pool_size Maximum number of server connections
    # TYPE pgbouncer_databases_pool_size gauge
    pgbouncer_databases_pool_size{database="app",force_user="",host="10.0.3.17",name="app",pool_mode="transaction",port="5432"} 20
    pgbouncer_databases_pool_size{database="pgbouncer",force_user="pgbouncer",host="",name="pgbouncer",pool_mode="statement",port="6432"} 2

    """#

@Suite struct PrometheusExpositionTests {
    func value(_ samples: [PrometheusSample], _ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    @Test func aHikariScrapeGivesEveryPoolFigure() throws {
        let samples = try PrometheusExposition.parse(hikariScrape)
        #expect(samples.count == 11)
        #expect(value(samples, "hikaricp_connections_active", ["pool": "primary"]) == 12)
        #expect(value(samples, "hikaricp_connections_idle", ["pool": "reporting"]) == 2)
        #expect(value(samples, "hikaricp_connections_pending", ["pool": "primary"]) == 37)
        #expect(value(samples, "hikaricp_connections_max", ["pool": "primary"]) == 20)
        #expect(value(samples, "hikaricp_connections_acquire_seconds_count", ["pool": "primary"]) == 19843)
    }

    @Test func aPgbouncerScrapeKeepsDatabaseAndUserApart() throws {
        let samples = try PrometheusExposition.parse(pgbouncerScrape)
        #expect(samples.count == 9)
        #expect(value(samples, "pgbouncer_up") == 1)
        #expect(value(samples, "pgbouncer_pools_client_waiting_connections", ["database": "app", "user": "app"]) == 14)
        #expect(value(samples, "pgbouncer_pools_server_active_connections", ["database": "app", "user": "admin"]) == 2)
        let poolSize = try #require(samples.first { $0.name == "pgbouncer_databases_pool_size" })
        #expect(poolSize.labels == ["database": "app", "force_user": "", "host": "10.0.3.17", "name": "app",
                                    "pool_mode": "transaction", "port": "5432"])
        #expect(poolSize.value == 20)
    }

    /// The example from the exposition format's own documentation.
    @Test func theFormatDocumentationsExampleParses() throws {
        let text = #"""
            # HELP http_requests_total The total number of HTTP requests.
            # TYPE http_requests_total counter
            http_requests_total{method="post",code="200"} 1027 1395066363000
            http_requests_total{method="post",code="400"}    3 1395066363000

            # Escaping in label values:
            msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9

            # Minimalistic line:
            metric_without_timestamp_and_labels 12.47

            # A weird metric from before the epoch:
            something_weird{problem="division by zero"} +Inf -3982045

            # A histogram, which has a pretty complex representation in the text format:
            # HELP http_request_duration_seconds A histogram of the request duration.
            # TYPE http_request_duration_seconds histogram
            http_request_duration_seconds_bucket{le="0.05"} 24054
            http_request_duration_seconds_bucket{le="0.1"} 33444
            http_request_duration_seconds_bucket{le="0.2"} 100392
            http_request_duration_seconds_bucket{le="0.5"} 129389
            http_request_duration_seconds_bucket{le="1"} 133988
            http_request_duration_seconds_bucket{le="+Inf"} 144320
            http_request_duration_seconds_sum 53423
            http_request_duration_seconds_count 144320

            # Finally a summary, which has a complex representation, too:
            # HELP rpc_duration_seconds A summary of the RPC duration in seconds.
            # TYPE rpc_duration_seconds summary
            rpc_duration_seconds{quantile="0.01"} 3102
            rpc_duration_seconds{quantile="0.5"} 4773
            rpc_duration_seconds{quantile="0.99"} 76656
            rpc_duration_seconds_sum 1.7560473e+07
            rpc_duration_seconds_count 2693
            """#
        let samples = try PrometheusExposition.parse(text)
        #expect(samples.count == 18)
        #expect(value(samples, "http_requests_total", ["method": "post", "code": "400"]) == 3)
        #expect(value(samples, "msdos_file_access_time_seconds",
                      ["path": #"C:\DIR\FILE.TXT"#, "error": "Cannot find file:\n\"FILE.TXT\""]) == 1_458_255_915)
        #expect(value(samples, "metric_without_timestamp_and_labels") == 12.47)
        #expect(value(samples, "something_weird", ["problem": "division by zero"]) == .infinity)
        #expect(value(samples, "http_request_duration_seconds_bucket", ["le": "+Inf"]) == 144_320)
        #expect(value(samples, "rpc_duration_seconds_sum") == 17_560_473)
    }

    @Test func valuesAreReadAsGoFloats() throws {
        let text = """
            a 42
            b -0.5
            c 1.5e-3
            d 2E+2
            e .25
            f +7
            g -Inf
            h Inf
            i +inf
            j infinity
            """
        let values = try PrometheusExposition.parse(text).map(\.value)
        #expect(values == [42, -0.5, 0.0015, 200, 0.25, 7, -.infinity, .infinity, .infinity, .infinity])
        let notANumber = try PrometheusExposition.parse("pg_stat_ratio NaN\nother nan\n")
        #expect(notANumber.count == 2 && notANumber.allSatisfy(\.value.isNaN))
    }

    @Test func whitespaceBracesAndLineEndsAreForgiving() throws {
        let text = "\r\n  \t\r\n  hikaricp_connections_max{} 20 \r\n"
            + "\thikaricp_connections_active { pool = \"primary\" , } 12\t1700000000000  \r\n"
            + "process_open_fds 9"  // no final line end
        let samples = try PrometheusExposition.parse(text)
        #expect(samples == [
            PrometheusSample(name: "hikaricp_connections_max", value: 20),
            PrometheusSample(name: "hikaricp_connections_active", labels: ["pool": "primary"], value: 12),
            PrometheusSample(name: "process_open_fds", value: 9),
        ])
    }

    @Test func openMetricsEOFEndsTheScrape() throws {
        let text = "# TYPE pool_in_use gauge\npool_in_use{pool=\"main\"} 4\n# EOF\n"
        #expect(try PrometheusExposition.parse(text) == [PrometheusSample(name: "pool_in_use", labels: ["pool": "main"], value: 4)])
        let error = try #require(throws: ExpositionError.self) { try PrometheusExposition.parse(text + "pool_in_use 5\n") }
        #expect(error.description == ##"line 4: unexpected text after "# EOF": "pool_in_use 5""##)
    }

    @Test func anEmptyScrapeHasNoSamples() throws {
        #expect(try PrometheusExposition.parse("").isEmpty)
        #expect(try PrometheusExposition.parse("# nothing exported yet\n\n").isEmpty)
    }

    @Test func colonsAndUnderscoresAreValidInNames() throws {
        let samples = try PrometheusExposition.parse("job:pg_connections:sum{_private=\"x\",Label_2=\"y\"} 3\n_hidden 1\n")
        #expect(samples.map(\.name) == ["job:pg_connections:sum", "_hidden"])
        #expect(samples[0].labels == ["_private": "x", "Label_2": "y"])
    }

    @Test func anHTMLPageIsNotAScrape() throws {
        let page = "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>...</body></html>\n"
        let error = try #require(throws: ExpositionError.self) { try PrometheusExposition.parse(page) }
        #expect(error.line == 1)
        #expect(error.description == #"line 1: found "<!DOCTYPE html>", which looks like HTML, not Prometheus text exposition"#)
    }

    @Test func aJSONBodyIsNotAScrape() throws {
        let error = try #require(throws: ExpositionError.self) {
            try PrometheusExposition.parse("\n{\"status\":\"error\",\"error\":\"unauthorized\"}\n")
        }
        #expect(error.description == #"line 2: found "{"status":"error","error":"unauthorized"}", "#
            + ##"which is not Prometheus text exposition (lines start with a metric name or "#")"##)
    }

    /// Each scrape is the HikariCP excerpt's first lines with one broken line as line 3.
    @Test(arguments: [
        (#"hikaricp_connections_active{pool="primary} 12"#,
         #"the value of label "pool" has no closing double quote"#),
        (#"hikaricp_connections_active{pool="primary"}"#,
         #"missing value after "hikaricp_connections_active{pool="primary"}""#),
        ("hikaricp_connections_active   ",
         #"missing value after "hikaricp_connections_active""#),
        (#"hikaricp_connections_active{pool="primary"} twelve"#,
         #"the value "twelve" of "hikaricp_connections_active{pool="primary"}" is not a number"#),
        (#"hikaricp_connections_active{pool="primary"} 0x1F"#,
         #"the value "0x1F" of "hikaricp_connections_active{pool="primary"}" is not a number"#),
        ("hikaricp-connections-active 12",
         #"invalid character "-" in metric name "hikaricp-connections-active""#),
        ("hikaricp_connections\u{0}_active 12",
         #"invalid character "\x00" in metric name "hikaricp_connections\x00_active""#),
        ("hikaricp_verbindungen_größe 12",
         #"invalid character "ö" in metric name "hikaricp_verbindungen_größe""#),
        ("hikaricp\u{1B}[2J_active 12",
         #"invalid character "\e" in metric name "hikaricp\e[2J_active""#),
        ("hikaricp_connections_active 12 1700000000000 extra",
         #"unexpected text after the timestamp: "extra""#),
        ("hikaricp_connections_active 12 1700000000.5",
         #"the timestamp "1700000000.5" is not an integer number of milliseconds"#),
        (#"pgbouncer_pools_client_waiting_connections{database="app",user="app",database="other"} 1"#,
         #"duplicate label "database""#),
        (#"hikaricp_connections_active{pool="pri\mary"} 12"#,
         #"invalid escape "\m" in the value of label "pool"; only \\, \" and \n are allowed"#),
        (#"hikaricp_connections_active{pool="primary" 12"#,
         #"expected "," or "}" after the value of label "pool", found "12""#),
        (#"hikaricp_connections_active{pool="primary","#,
         #"the labels of "hikaricp_connections_active{pool="primary"," have no closing "}""#),
        ("hikaricp_connections_active{pool=primary} 12",
         #"the value of label "pool" must be in double quotes, found "primary} 12""#),
        (#"hikaricp_connections_active{pool:name="primary"} 12"#,
         #"expected "=" after label name "pool", found ":name="primary"} 12""#),
        (#"hikaricp_connections_active{,} 12"#,
         #"expected a label name or "}", found ",} 12""#),
        (#"hikaricp_connections_active{__name__="x"} 12"#,
         #"label name "__name__" is reserved"#),
        ("# TYPE hikaricp_connections_active gauge_ish",
         #"unknown metric type "gauge_ish" for "hikaricp_connections_active""#),
        ("# TYPE hikaricp_connections_active",
         #"# TYPE for "hikaricp_connections_active" gives no type"#),
        ("# HELP hikaricp-connections Active connections",
         #"invalid metric name "hikaricp-connections" in # HELP"#),
        ("<br>",
         ##"expected a metric name or "#" at the start of the line, found "<br>""##),
    ])
    func aMalformedLineRefusesTheWholeScrape(line: String, problem: String) throws {
        let text = "# TYPE hikaricp_connections_active gauge\nhikaricp_connections_active{pool=\"reporting\"} 3\n"
            + line + "\nhikaricp_connections_max{pool=\"primary\"} 20\n"
        let error = try #require(throws: ExpositionError.self) { try PrometheusExposition.parse(text) }
        #expect(error.line == 3)
        #expect(error.description == "line 3: " + problem)
    }

    @Test func lineNumbersCountCRLFLinesAndBlankOnes() throws {
        let text = "# HELP up Whether the target is up\r\n# TYPE up gauge\r\n\r\nup 1\r\nup{job=\"pg\"} one\r\n"
        let error = try #require(throws: ExpositionError.self) { try PrometheusExposition.parse(text) }
        #expect(error.description == #"line 5: the value "one" of "up{job="pg"}" is not a number"#)
    }

    @Test func longOffendingTextIsCutInTheMessage() throws {
        let junk = String(repeating: "x", count: 500)
        let error = try #require(throws: ExpositionError.self) { try PrometheusExposition.parse("up " + junk) }
        #expect(error.description.hasPrefix("line 1: the value \"" + String(repeating: "x", count: 60) + "…\" of \"up\""))
        #expect(error.description.count < 120)
    }

    @Test func hostileLabelValuesAreKeptButNeverEchoedRaw() throws {
        let samples = try PrometheusExposition.parse("up{job=\"\u{1B}[2Jpg\"} 1\n")
        #expect(samples[0].labels["job"] == "\u{1B}[2Jpg")
        let error = try #require(throws: ExpositionError.self) {
            try PrometheusExposition.parse("up{job=\"\u{1B}]0;pwned\u{07}\"} \u{202E}1\n")
        }
        #expect(!error.description.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{202E}" })
        #expect(error.description.contains(#"\e]0;pwned\x07"#))
    }

    @Test func aLargeScrapeParses() throws {
        var text = ""
        for index in 0..<20_000 {
            text += "pg_stat_activity_count{datname=\"db\(index % 50)\",state=\"active\",usename=\"app\"} \(index)\n"
        }
        let samples = try PrometheusExposition.parse(text)
        #expect(samples.count == 20_000)
        #expect(samples.last?.value == 19_999)
    }
}
