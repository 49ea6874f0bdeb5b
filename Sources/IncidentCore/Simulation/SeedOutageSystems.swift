/// The services and the connection pool during the seed outage demo, as functions of time, and
/// the collector's samples of them.
enum SeedOutageSystems {
    private typealias At = SeedOutageMoments

    /// Ordered pool first, then web, api and db, which is how samples taken at one moment are written.
    static var samples: [DemoScenario.Step] {
        let series = [
            SampleSeries(period: 1, heartbeat: 5) { poolSample("primary", primaryPool(at: $0)) },
            SampleSeries(period: 2, heartbeat: 10) { healthSample("web", web(at: $0)) },
            SampleSeries(period: 2, heartbeat: 10) { healthSample("api", api(at: $0)) },
            SampleSeries(period: 2, heartbeat: 10) { healthSample("db", db(at: $0)) },
        ]
        return series.flatMap { $0.steps(through: At.end) }
    }

    struct PoolReading {
        var inUse: Int
        var max: Int
        var waiting: Int
    }

    struct HealthReading {
        var state: HealthState
        var latencyMs: Double?
        var errorRate: Double?
        var reason: String?
    }

    static func primaryPool(at time: Double) -> PoolReading {
        switch time {
        case ..<At.poolExhausted:  // load rising: one more connection in use every second
            PoolReading(inUse: 20 + Int(time), max: 50, waiting: 0)
        case ..<At.databaseRestart:  // exhausted: one more client queueing every two seconds
            PoolReading(inUse: 50, max: 50, waiting: 1 + Int((time - At.poolExhausted) / 2))
        case ..<At.databaseBack:  // the restart dropped every connection
            PoolReading(inUse: 0, max: 50, waiting: 0)
        case ..<At.poolExhaustedAgain:  // the queued clients take them all back
            PoolReading(inUse: min(50, 20 * Int(time - At.databaseBack + 1)), max: 50, waiting: 0)
        case ..<At.poolRaised:
            PoolReading(inUse: 50, max: 50, waiting: 8 + Int((time - At.poolExhaustedAgain) / 2))
        default:  // headroom at 200; in use drains towards 110 as the backlog clears
            PoolReading(inUse: max(110, 160 - 2 * Int((time - At.poolRaised) / 4)), max: 200, waiting: 0)
        }
    }

    static func web(at time: Double) -> HealthReading {
        switch time {
        case ..<At.webSlow:
            HealthReading(state: .up, latencyMs: time < 15 ? 120 : time < 25 ? 180 : 260, errorRate: 0)
        case ..<At.webDown:
            HealthReading(state: .degraded, latencyMs: 2400, errorRate: 0.08,
                          reason: "slow: requests wait for database connections")
        case ..<At.webRecovering:
            HealthReading(state: .down, errorRate: 1, reason: "HTTP 503 from the load balancer: upstream timed out")
        case ..<At.webUp:
            HealthReading(state: .degraded, latencyMs: 900, errorRate: 0.02, reason: "working through the request backlog")
        default:
            HealthReading(state: .up, latencyMs: 130, errorRate: 0)
        }
    }

    static func api(at time: Double) -> HealthReading {
        switch time {
        case ..<At.apiSlow:
            HealthReading(state: .up, latencyMs: time < 20 ? 45 : 70, errorRate: 0)
        case ..<At.webRecovering:
            HealthReading(state: .degraded, latencyMs: 3100, errorRate: 0.3,
                          reason: "timeouts acquiring a database connection")
        default:
            HealthReading(state: .up, latencyMs: 50, errorRate: 0)
        }
    }

    static func db(at time: Double) -> HealthReading {
        if (At.databaseRestart..<At.databaseBack).contains(time) {
            return HealthReading(state: .down, reason: "restarting")
        }
        return HealthReading(state: .up, latencyMs: 4, errorRate: 0)
    }

    private static func poolSample(_ name: String, _ reading: PoolReading) -> Event {
        var event = Event(ts: Timestamp(microseconds: 0), kind: .pool, actor: "collector")
        event.pool = name
        event.inUse = reading.inUse
        event.max = reading.max
        event.waiting = reading.waiting
        event.idle = reading.max - reading.inUse
        return event
    }

    private static func healthSample(_ service: String, _ reading: HealthReading) -> Event {
        var event = Event(ts: Timestamp(microseconds: 0), kind: .health, actor: "collector", text: reading.reason)
        event.service = service
        event.state = reading.state.rawValue
        event.latencyMs = reading.latencyMs
        event.errorRate = reading.errorRate
        return event
    }
}
