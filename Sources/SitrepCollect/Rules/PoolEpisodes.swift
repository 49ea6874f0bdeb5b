import IncidentCore

/// Turns a stream of pool readings into saturation episodes: one alert when the pool crosses
/// the line, one note when it has clearly stayed below it. Opening is immediate (every second
/// counts when clients queue); closing waits for `clearSamples` clear readings in a row, below
/// the line by `clearMargin`, so a pool hovering at 90% does not flap.
struct PoolEpisodes {
    struct Episode: Equatable {
        var started: Timestamp
        var peakInUse: Int
        var max: Int
        var peakWaiting: Int
    }

    enum Change: Equatable {
        case began(Episode, PoolReading)
        case ended(Episode, at: Timestamp)
    }

    let rules: AlertRules
    private(set) var current: Episode?
    private var clearInARow = 0

    init(rules: AlertRules) { self.rules = rules }

    mutating func observe(_ reading: PoolReading, at time: Timestamp) -> Change? {
        let waiting = reading.waiting ?? 0
        if var episode = current {
            episode.peakInUse = Swift.max(episode.peakInUse, reading.inUse)
            episode.max = Swift.max(episode.max, reading.max)
            episode.peakWaiting = Swift.max(episode.peakWaiting, waiting)
            current = episode
            clearInARow = isClear(reading) ? clearInARow + 1 : 0
            guard clearInARow >= rules.clearSamples else { return nil }
            current = nil
            clearInARow = 0
            return .ended(episode, at: time)
        }
        guard isOverTheLine(reading) else { return nil }
        let episode = Episode(started: time, peakInUse: reading.inUse, max: reading.max, peakWaiting: waiting)
        current = episode
        clearInARow = 0
        return .began(episode, reading)
    }

    func isOverTheLine(_ reading: PoolReading) -> Bool {
        reading.saturation >= rules.poolSaturation || (reading.waiting ?? 0) >= rules.poolWaiting
    }

    func isClear(_ reading: PoolReading) -> Bool {
        reading.saturation < rules.poolSaturation - rules.clearMargin && (reading.waiting ?? 0) < rules.poolWaiting
    }
}

/// A service's down episodes: an alert when it goes down, a note when it has stayed back up
/// (or degraded, which is answering) for `clearSamples` checks in a row.
struct ServiceEpisodes {
    struct Episode: Equatable {
        var started: Timestamp
        var firstReason: String?
    }

    enum Change: Equatable {
        case wentDown(HealthSample)
        case recovered(Episode, at: Timestamp)
    }

    let rules: AlertRules
    private(set) var current: Episode?
    private var answeringInARow = 0

    init(rules: AlertRules) { self.rules = rules }

    mutating func observe(_ sample: HealthSample, at time: Timestamp) -> Change? {
        if let episode = current {
            answeringInARow = sample.state == .down ? 0 : answeringInARow + 1
            guard answeringInARow >= rules.clearSamples else { return nil }
            current = nil
            answeringInARow = 0
            return .recovered(episode, at: time)
        }
        guard sample.state == .down else { return nil }
        current = Episode(started: time, firstReason: sample.reason)
        answeringInARow = 0
        return .wentDown(sample)
    }
}
