import Foundation
import TestSupport
import Testing
@testable import SitrepCollect

@Suite("Collector config: TOML in, clear errors with file and line out")
struct CollectorConfigTests {
    static let examples = Repository.file("examples")

    private func parse(_ text: String) throws(ConfigError) -> CollectorConfig {
        try CollectorConfigParser(file: "collect.toml", text: text).parse()
    }

    private func problem(_ text: String) -> String {
        do {
            _ = try parse(text)
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test("the shipped examples load, each source as written")
    func shippedExamples() throws {
        let config = try CollectorConfigParser.load(path: Self.examples + "/collect.toml")
        #expect(config.health.map(\.service) == ["web"])
        #expect(config.pools.map(\.name) == ["primary", "pgbouncer-app", "app"])
        guard case .prometheus(let url, let selectors) = config.pools[0].source else {
            Issue.record("primary should scrape Prometheus"); return
        }
        #expect(url.absoluteString == "http://127.0.0.1:8080/actuator/prometheus")
        #expect(selectors.inUse.description == #"hikaricp_connections_active{pool="primary"}"#)
        guard case .prometheus(_, let pgbouncer) = config.pools[1].source else {
            Issue.record("pgbouncer-app should scrape Prometheus"); return
        }
        #expect(pgbouncer.up?.description == "pgbouncer_up")
        #expect(config.pools[2].source == .command("examples/pgbouncer-pool.sh --port 6432 --admin-user pgbouncer --database app"))
        #expect(config.pools[2].every == .seconds(2))
        let lab = try CollectorConfigParser.load(path: Self.examples + "/collect-pool-lab.toml")
        #expect(lab.pools.map(\.name) == ["app"])
    }

    @Test("what is left out takes the documented defaults")
    func defaults() throws {
        let config = try parse("""
            [[health]]
            service = "api"
            url = "https://api.example.com/healthz"
            """)
        let check = try #require(config.health.first)
        #expect(check.every == .seconds(5))
        #expect(check.timeout == .seconds(2))
        #expect(check.degradedMilliseconds == 500)
        #expect(config.heartbeat == .seconds(30))
        #expect(config.alerts == AlertRules())
        #expect(config.alerts.poolSaturation == 0.9 && config.alerts.poolWaiting == 1 && config.alerts.serviceDown)
    }

    @Test("durations are read the way they are written", arguments: [
        ("250ms", Duration.milliseconds(250)), ("5s", .seconds(5)), ("1m", .seconds(60)),
        ("1m30s", .seconds(90)), ("2h", .seconds(7200)), ("1.5s", .milliseconds(1500)),
    ])
    func durations(text: String, expected: Duration) {
        #expect(DurationSetting.parse(text) == expected)
        #expect(DurationSetting.parse(DurationSetting.text(expected)) == expected)
    }

    @Test("mistakes name the line and say what is wrong", arguments: [
        ("[[health]]\nservice = \"api\"\nurl = \"http://x/\"\nevrey = \"5s\"\n", "collect.toml:4: [[health]] \"api\": evrey: unknown key"),
        ("[[health]]\nservice = \"api\"\nurl = \"http://x/\"\nevery = \"5 parsecs\"\n", "collect.toml:4: [[health]] \"api\": every: expected a duration"),
        ("[[health]]\nservice = \"api\"\n", "collect.toml:1: [[health]] \"api\": url is missing"),
        ("[[health]]\nservice = \"api\"\nurl = \"ftp://x/\"\n", "collect.toml:3: [[health]] \"api\": url: \"ftp://x/\" is not an http:// or https:// URL"),
        ("[[pool]]\nname = \"db\"\n", "collect.toml:1: [[pool]] \"db\": needs a source"),
        ("[[pool]]\nname = \"db\"\nurl = \"http://x/metrics\"\nin_use = \"a\"\n", "collect.toml:1: [[pool]] \"db\": max is missing"),
        ("[[pool]]\nname = \"db\"\nurl = \"http://x/m\"\ncommand = \"true\"\n", "give either url (a Prometheus endpoint) or command, not both"),
        ("[[pool]]\nname = \"db\"\nurl = \"http://x/m\"\nin_use = 'a{b=}'\nmax = \"m\"\n", "collect.toml:4: [[pool]] \"db\": in_use:"),
        ("[[pool]]\nname = \"db\"\ncommand = \"true\"\n[[pool]]\nname = \"db\"\ncommand = \"true\"\n", "collect.toml:5: [[pool]] \"db\": name \"db\" is used twice"),
        ("[alerts]\npool_saturation = 90\n", "collect.toml:2: [alerts]: pool_saturation: must be above 0 and at most 1"),
        ("heartbeat = \"30s\"\n", "collect.toml: nothing to watch"),
        ("[[health]]\nservice = \"api\nurl = 1\n", "collect.toml:2:"),
        ("heartbeat = \"0s\"\n[[pool]]\nname = \"db\"\ncommand = \"true\"\n", "collect.toml:1: heartbeat: must be at least 10ms"),
        ("[[pool]]\nname = \"db\"\ncommand = \"true\"\nevery = \"99999999999999999999h\"\n", "collect.toml:4: [[pool]] \"db\": every: expected a duration"),
        ("[[pool]]\nname = \"a\"\ncommand = \"true\"\n\n[[pool]]   # the reporting pool\nname = \"b\"\nbogus = 1\n", "collect.toml:7: [[pool]] \"b\": bogus: unknown key"),
    ])
    func mistakes(text: String, expected: String) {
        let message = problem(text)
        #expect(message.contains(expected), "\(message)")
    }

    @Test("a missing file says so")
    func missingFile() {
        #expect(throws: ConfigError(file: "/nonexistent/collect.toml", problem: "cannot read the config file (does it exist?)")) {
            try CollectorConfigParser.load(path: "/nonexistent/collect.toml")
        }
    }
}
