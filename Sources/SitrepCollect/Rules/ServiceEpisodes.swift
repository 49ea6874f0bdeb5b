import IncidentCore

/// A service's down episodes: an alert when it goes down, a note when it has stayed back up
/// (or degraded, which is answering) for `clearSamples` checks in a row.
struct ServiceEpisodes {
    struct Episode: Equatable {
        var started: Timestamp
    }

    enum Change: Equatable {
        case wentDown
        case recovered(Episode, at: Timestamp)
    }

    private(set) var current: Episode?
    private var hysteresis: Hysteresis

    init(rules: AlertRules) {
        hysteresis = Hysteresis(clearSamples: rules.clearSamples)
    }

    mutating func observe(_ sample: HealthSample, at time: Timestamp) -> Change? {
        let isDown = sample.state == .down
        switch hysteresis.observe(over: isDown, clear: !isDown) {
        case .opened:
            current = Episode(started: time)
            return .wentDown
        case .closed:
            defer { current = nil }
            return current.map { .recovered($0, at: time) }
        case .unchanged:
            return nil
        }
    }
}
