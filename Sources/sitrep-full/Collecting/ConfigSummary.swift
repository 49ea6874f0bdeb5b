import IncidentCore
import SitrepCollect

/// What `sitrep collect --check` says a config will do, one line per thing watched.
enum ConfigSummary {
    static func lines(for config: CollectorConfig) -> [String] {
        var lines = ["config is valid: heartbeat \(text(config.heartbeat)), actor \(config.actor)"]
        lines += config.health.map(line(for:))
        lines += config.pools.map(line(for:))
        let rules = config.alerts
        let saturation = "pool at \(Int(rules.poolSaturation * 100))% or \(rules.poolWaiting)+ waiting"
        let down = "service down: \(rules.serviceDown ? "yes" : "no")"
        lines.append("alerts: \(saturation); \(down); clear after \(rules.clearSamples) samples")
        return lines.map(SafeText.escape)
    }

    private static func line(for check: HealthCheck) -> String {
        let timing = "every \(text(check.every)), timeout \(text(check.timeout))"
        return "health \(check.service): GET \(check.url.absoluteString) \(timing), degraded over \(Int(check.degradedMilliseconds)) ms"
    }

    private static func line(for pool: PoolCheck) -> String {
        switch pool.source {
        case let .prometheus(url, selectors):
            var figures = ["in_use \(selectors.inUse)", "max \(selectors.max)"]
            if let waiting = selectors.waiting { figures.append("waiting \(waiting)") }
            if let idle = selectors.idle { figures.append("idle \(idle)") }
            return "pool \(pool.name): scrape \(url.absoluteString) every \(text(pool.every)): \(figures.joined(separator: ", "))"
        case .command(let command):
            return "pool \(pool.name): run `\(command)` every \(text(pool.every))"
        }
    }

    private static func text(_ duration: Duration) -> String { DurationSetting.text(duration) }
}
