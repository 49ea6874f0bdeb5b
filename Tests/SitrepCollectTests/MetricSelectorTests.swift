import Testing
import SitrepCollect

@Suite struct MetricSelectorTests {
    let hikari: [PrometheusSample]
    let pgbouncer: [PrometheusSample]

    init() throws {
        hikari = try PrometheusExposition.parse(hikariScrape)
        pgbouncer = try PrometheusExposition.parse(pgbouncerScrape)
    }

    func sum(_ selector: String, in samples: [PrometheusSample]) throws -> Double? {
        try MetricSelector(parsing: selector).sum(in: samples)
    }

    @Test func aPoolLabelPicksOnePool() throws {
        #expect(try sum(#"hikaricp_connections_active{pool="primary"}"#, in: hikari) == 12)
        #expect(try sum(#"hikaricp_connections_max{pool="reporting"}"#, in: hikari) == 5)
        #expect(try sum(#"hikaricp_connections_pending{pool="primary"}"#, in: hikari) == 37)
    }

    @Test func aBareNameSumsEverySeries() throws {
        #expect(try sum("hikaricp_connections_active", in: hikari) == 15)
        #expect(try sum("pgbouncer_pools_client_waiting_connections", in: pgbouncer) == 15)
        #expect(try sum("pgbouncer_up", in: pgbouncer) == 1)
    }

    @Test func severalMatchersMustAllHold() throws {
        #expect(try sum(#"pgbouncer_pools_server_active_connections{database="app",user!="admin"}"#, in: pgbouncer) == 20)
        #expect(try sum(#"pgbouncer_pools_client_waiting_connections{database="app"}"#, in: pgbouncer) == 15)
        #expect(try sum(#"pgbouncer_databases_pool_size{database="app", pool_mode="transaction"}"#, in: pgbouncer) == 20)
    }

    @Test func regularExpressionsMatchWholeValues() throws {
        #expect(try sum(#"hikaricp_connections_active{pool=~"primary|reporting"}"#, in: hikari) == 15)
        #expect(try sum(#"hikaricp_connections_active{pool=~"prim"}"#, in: hikari) == nil)
        #expect(try sum(#"hikaricp_connections_active{pool=~"prim.*"}"#, in: hikari) == 12)
        #expect(try sum(#"pgbouncer_pools_server_active_connections{database!~"pgbouncer|postgres"}"#, in: pgbouncer) == 22)
        #expect(try sum(#"{__name__=~"hikaricp_connections_(active|idle)",pool="primary"}"#, in: hikari) == 20)
    }

    @Test func anAbsentLabelReadsAsEmpty() throws {
        let samples = try PrometheusExposition.parse("db_pool_max 50\ndb_pool_max{pool=\"batch\"} 10\n")
        #expect(try sum(#"db_pool_max{pool=""}"#, in: samples) == 50)
        #expect(try sum(#"db_pool_max{pool!=""}"#, in: samples) == 10)
        #expect(try sum(#"db_pool_max{pool!="batch"}"#, in: samples) == 50)
        #expect(try sum(#"db_pool_max{pool=~"batch|"}"#, in: samples) == 60)
        #expect(try sum(#"db_pool_max{region="eu"}"#, in: samples) == nil)
    }

    @Test func nothingMatchingIsNilNotZero() throws {
        #expect(try sum("hikaricp_connections_activ", in: hikari) == nil)
        #expect(try sum(#"hikaricp_connections_active{pool="replica"}"#, in: hikari) == nil)
        #expect(try sum("hikaricp_connections_active", in: []) == nil)
        #expect(try sum(#"hikaricp_connections_pending{pool="reporting"}"#, in: hikari) == 0)
    }

    @Test func aNaNOrOpposingInfinitiesMakeTheSumNaN() throws {
        let samples = try PrometheusExposition.parse("pool_wait{pool=\"a\"} 3\npool_wait{pool=\"b\"} NaN\ngap{side=\"up\"} +Inf\ngap{side=\"down\"} -Inf\n")
        #expect(try sum("pool_wait", in: samples)?.isNaN == true)
        #expect(try sum(#"pool_wait{pool="a"}"#, in: samples) == 3)
        #expect(try sum("gap", in: samples)?.isNaN == true)
        #expect(try sum(#"gap{side="up"}"#, in: samples) == .infinity)
    }

    @Test func aSeriesRepeatedInOneScrapeCountsOnce() throws {
        let samples = try PrometheusExposition.parse(
            "db_pool_active{pool=\"main\"} 7\ndb_pool_active{pool=\"main\"} 9\ndb_pool_active{pool=\"batch\"} 1\n")
        #expect(try sum("db_pool_active", in: samples) == 8)
    }

    @Test func quotingStylesAndEscapes() throws {
        let samples = [PrometheusSample(name: "m", labels: ["path": #"C:\DIR"#, "q": "say \"hi\""], value: 1)]
        #expect(try sum(#"m{path="C:\\DIR"}"#, in: samples) == 1)
        #expect(try sum(#"m{path='C:\\DIR', q='say "hi"'}"#, in: samples) == 1)
        #expect(try sum(#"m{q="say \"hi\""}"#, in: samples) == 1)
        #expect(try sum(#"m{path=~`C:\\D.R`}"#, in: samples) == 1)
    }

    @Test func matchesTestsOneSample() throws {
        let selector = try MetricSelector(parsing: #"hikaricp_connections_idle{pool!~"rep.*"}"#)
        #expect(selector.matches(PrometheusSample(name: "hikaricp_connections_idle", labels: ["pool": "primary"], value: 8)))
        #expect(!selector.matches(PrometheusSample(name: "hikaricp_connections_idle", labels: ["pool": "reporting"], value: 2)))
        #expect(!selector.matches(PrometheusSample(name: "hikaricp_connections_active", labels: ["pool": "primary"], value: 8)))
    }

    @Test func theDescriptionIsTheSelectorAsWritten() throws {
        let text = #"pgbouncer_pools_server_active_connections{database="app", user!="admin"}"#
        let selector = try MetricSelector(parsing: text)
        #expect(selector.description == text)
        #expect(selector.metricName == "pgbouncer_pools_server_active_connections")
        #expect(try MetricSelector(parsing: text) == selector)
        #expect(try MetricSelector(parsing: "db_pool_max") != selector)
    }

    @Test(arguments: [
        ("", 1, "the selector is empty; expected a metric name such as hikaricp_connections_active"),
        (#"hikaricp_connections_active{pool="primary""#, 43, #"missing "}" at the end of the selector"#),
        (#"hikaricp_connections_active{pool="primary}"#, 34, "the value for label pool has no closing quote"),
        (#"hikaricp_connections_active{pool~"primary"}"#, 33, #"expected =, !=, =~ or !~ after label pool, found "~"primary"}""#),
        (#"hikaricp_connections_active{pool==primary}"#, 34, #"expected a quoted value for label pool, found "=primary}""#),
        (#"hikaricp_connections_active{pool="primary" user="app"}"#, 44, #"expected "," or "}" after a matcher, found "user="app"}""#),
        (#"hikaricp_connections_active{"pool"="primary"}"#, 29, #"expected a label name or "}", found ""pool"="primary"}""#),
        (#"hikaricp_connections_active{pool=~"(primary"}"#, 35, #"invalid regular expression "(primary" for label pool: "#),
        (#"hikaricp_connections_active{pool=~"db\.primary"}"#, 38,
         #"invalid escape "\."; write \\ for a backslash, or put a regular expression in backquotes"#),
        ("hikaricp-connections-active", 9, #"invalid character "-" in metric name "hikaricp""#),
        ("rate(hikaricp_connections_active[5m])", 5, #"invalid character "(" in metric name "rate""#),
        ("hikaricp_connections_active[5m]", 28, #"invalid character "[" in metric name "hikaricp_connections_active""#),
        ("pool_größe", 8, #"invalid character "ö" in metric name "pool_gr""#),
        (#"hikaricp_connections_active{pool="primary"} offset 5m"#, 45,
         #"unexpected "offset 5m" after the selector; only a metric name and {label matchers} are allowed"#),
        ("9_lives", 1, #"expected a metric name or "{", found "9_lives""#),
        (#"{pool!="primary"}"#, 1, "a selector needs a metric name or a matcher that does not match the empty string"),
        (#"{pool=~".*"}"#, 1, "a selector needs a metric name or a matcher that does not match the empty string"),
        (#"{pool="primaire" é="x"}"#, 18, #"expected "," or "}" after a matcher, found "é="x"}""#),
    ])
    func aBadSelectorSaysWhatAndWhere(text: String, column: Int, problem: String) throws {
        let error = try #require(throws: SelectorError.self) { try MetricSelector(parsing: text) }
        #expect(error.column == column)
        #expect(error.description.hasPrefix("column \(column): " + problem))
    }
}
