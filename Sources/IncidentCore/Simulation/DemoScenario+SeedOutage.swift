extension DemoScenario {
    /// The outage sitrep was born from: a database connection pool capped at 50 runs out under
    /// rising load and takes the web application down; a restart fails, the database team finds
    /// the limit, raising it to 200 brings the service back. The same story as
    /// `examples/make-seed-outage.py` writes, told in three minutes instead of eighteen hours.
    public static let seedOutage = DemoScenario(steps: SeedOutageScript.steps + SeedOutageSystems.samples)
}

/// What the scripted people and the monitoring system record during the seed outage demo.
enum SeedOutageScript {
    private typealias At = SeedOutageMoments

    static var steps: [DemoScenario.Step] { detection + diagnosis + recovery }

    private static var detection: [DemoScenario.Step] {
        [
            entry(At.alert, .alert, "monitoring", "p99 response time above 5 s") {
                $0.service = "web"; $0.level = "critical"
            },
            entry(At.declared, .declare, "alice") {
                $0.title = "Web application outage"; $0.severity = "SEV1"
                $0.impact = "All users cannot reach the application"
                $0.started = Timestamp(secondsSinceEpoch: At.webSlow)
            },
            entry(At.declared + 2, .role, "alice") { $0.role = "commander"; $0.who = "alice" },
            entry(66, .note, "alice", "Investigating: the application servers and the database are the suspects"),
            entry(76, .note, "bob", "App logs show DB connection timeouts: requests wait 30 s for a pooled connection, then fail"),
        ]
    }

    private static var diagnosis: [DemoScenario.Step] {
        [
            entry(At.databaseRestart - 2, .mitigation, "bob", "Restarting the database server to restore connections") {
                $0.state = "started"
            },
            entry(102, .mitigation, "bob", "Database restart did not help: the pool was exhausted again within seconds") {
                $0.state = "failed"
            },
            entry(At.escalated, .escalation, "bob", "Restart did not help; need the DBA team's expertise") {
                $0.to = "database administration"
            },
            entry(At.escalated + 2, .role, "alice") { $0.role = "ops"; $0.who = "carol" },
            entry(At.causeFound, .cause, "carol",
                  "Connection pool misconfigured: its limit (50) is far below peak load, so connections run out and new requests are refused"),
            entry(At.causeFound + 2, .status, "alice") { $0.state = "identified" },
        ]
    }

    private static var recovery: [DemoScenario.Step] {
        [
            entry(At.poolRaised, .mitigation, "carol", "Raised the connection pool size from 50 to 200") {
                $0.state = "applied"
            },
            entry(148, .status, "alice", "Pool has headroom; web working through its backlog") { $0.state = "monitoring" },
            entry(160, .note, "bob", "p99 back under 300 ms; no more connection timeouts in the app logs"),
            entry(At.resolved, .status, "alice", "Web application fully operational") { $0.state = "resolved" },
            entry(176, .task, "alice", "Size the database connection pool for peak load, and review it quarterly") {
                $0.owner = "carol"
            },
            entry(At.end, .task, "alice", "Alert on connection pool saturation and waiting clients") { $0.owner = "bob" },
        ]
    }

    private static func entry(
        _ offset: Double, _ kind: EventKind, _ actor: String, _ text: String? = nil,
        _ fill: (inout Event) -> Void = { _ in }
    ) -> DemoScenario.Step {
        var event = Event(ts: Timestamp(microseconds: 0), kind: kind, actor: actor, text: text)
        fill(&event)
        return DemoScenario.Step(offset: offset, event: event)
    }
}
