import Foundation

/// What `sitrep collect` watches, read from its TOML file (see README, "Watching real systems").
public struct CollectorConfig: Sendable, Equatable {
    public var health: [HealthCheck] = []
    public var pools: [PoolCheck] = []
    public var alerts = AlertRules()
    /// A sample that has not changed is written again after this long, so a quiet pane still
    /// shows fresh data and a reader can tell "nothing changed" from "the collector died".
    public var heartbeat: Duration = .seconds(30)
    /// The `actor` of every event the collector writes.
    public var actor = "collector"

    public init() {}
}

public struct HealthCheck: Sendable, Equatable {
    public var service: String
    public var url: URL
    public var every: Duration = .seconds(5)
    public var timeout: Duration = .seconds(2)
    /// Slower than this (but answering 2xx/3xx) is `degraded`.
    public var degradedMilliseconds: Double = 500

    public init(service: String, url: URL) {
        self.service = service
        self.url = url
    }
}

public struct PoolCheck: Sendable, Equatable {
    public var name: String
    public var source: PoolSourceSpec
    public var every: Duration = .seconds(5)
    public var timeout: Duration = .seconds(5)

    public init(name: String, source: PoolSourceSpec) {
        self.name = name
        self.source = source
    }
}

public enum PoolSourceSpec: Sendable, Equatable {
    /// A Prometheus text exposition endpoint and the series that carry each figure.
    case prometheus(url: URL, selectors: PoolSelectors)
    /// A shell command that prints one JSON object: `{"in_use": 3, "max": 3, "waiting": 17}`.
    case command(String)
}

public struct PoolSelectors: Sendable, Equatable {
    public var inUse: MetricSelector
    public var max: MetricSelector
    public var waiting: MetricSelector?
    public var idle: MetricSelector?
    /// The exporter's "is the pooler up" series (`pgbouncer_up`): 0 means the pooler is down,
    /// while the exporter itself still answers.
    public var up: MetricSelector?

    public init(inUse: MetricSelector, max: MetricSelector, waiting: MetricSelector? = nil, idle: MetricSelector? = nil,
                up: MetricSelector? = nil) {
        self.inUse = inUse
        self.max = max
        self.waiting = waiting
        self.idle = idle
        self.up = up
    }
}

/// When the collector raises an alert. An episode opens at the first sample over the line and
/// closes only after `clearSamples` samples in a row clearly below it, so a value hovering at
/// the line opens one episode rather than one per sample.
public struct AlertRules: Sendable, Equatable {
    /// `in_use / max` at or above this is saturated.
    public var poolSaturation = 0.9
    /// This many clients waiting for a connection is saturated, whatever the ratio.
    public var poolWaiting = 1
    /// A service going down raises an alert.
    public var serviceDown = true
    /// How far below `poolSaturation` the ratio must fall to count as clear.
    public var clearMargin = 0.1
    /// How many clear samples in a row end an episode.
    public var clearSamples = 3

    public init() {}
}
