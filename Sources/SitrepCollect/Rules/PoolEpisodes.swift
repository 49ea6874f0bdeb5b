import IncidentCore

/// Turns a stream of pool readings into saturation episodes: one alert when the pool crosses
/// the line, one note when it has clearly stayed below it, by `clearMargin`, for
/// `clearSamples` readings in a row.
struct PoolEpisodes {
    struct Episode: Equatable {
        var started: Timestamp
        var peakInUse: Int
        var max: Int
        var peakWaiting: Int

        mutating func notePeaks(of reading: PoolReading) {
            peakInUse = Swift.max(peakInUse, reading.inUse)
            max = Swift.max(max, reading.max)
            peakWaiting = Swift.max(peakWaiting, reading.waiting ?? 0)
        }
    }

    enum Change: Equatable {
        case began(Episode, PoolReading)
        case ended(Episode, at: Timestamp)
    }

    let rules: AlertRules
    private(set) var current: Episode?
    private var hysteresis: Hysteresis

    init(rules: AlertRules) {
        self.rules = rules
        hysteresis = Hysteresis(clearSamples: rules.clearSamples)
    }

    mutating func observe(_ reading: PoolReading, at time: Timestamp) -> Change? {
        let waiting = reading.waiting ?? 0
        current?.notePeaks(of: reading)
        switch hysteresis.observe(over: isOverTheLine(reading), clear: isClear(reading)) {
        case .opened:
            let episode = Episode(started: time, peakInUse: reading.inUse, max: reading.max, peakWaiting: waiting)
            current = episode
            return .began(episode, reading)
        case .closed:
            defer { current = nil }
            return current.map { .ended($0, at: time) }
        case .unchanged:
            return nil
        }
    }

    func isOverTheLine(_ reading: PoolReading) -> Bool {
        reading.saturation >= rules.poolSaturation || (reading.waiting ?? 0) >= rules.poolWaiting
    }

    func isClear(_ reading: PoolReading) -> Bool {
        reading.saturation < rules.poolSaturation - rules.clearMargin && (reading.waiting ?? 0) < rules.poolWaiting
    }
}
