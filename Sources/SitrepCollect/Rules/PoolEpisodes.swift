import IncidentCore

/// Turns a stream of pool readings into saturation episodes: one alert when the pool crosses
/// the line, one note when it has clearly stayed below it, by `clearMargin`, for
/// `clearSamples` readings in a row. An episode that opened on a full pool with nobody waiting
/// (a warning) raises one more alert when clients start to queue: that is the moment requests
/// begin to stall, and the seed outage went unseen for hours at exactly that point.
struct PoolEpisodes {
    struct Episode: Equatable {
        var started: Timestamp
        var peakInUse: Int
        var max: Int
        var peakWaiting: Int
        /// Whether the episode has said that clients are queueing, at its start or since.
        var reportedQueue: Bool

        mutating func notePeaks(of reading: PoolReading) {
            peakInUse = Swift.max(peakInUse, reading.inUse)
            max = Swift.max(max, reading.max)
            peakWaiting = Swift.max(peakWaiting, reading.waiting ?? 0)
        }
    }

    enum Change: Equatable {
        case began
        case queueFormed
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
            current = Episode(started: time, peakInUse: reading.inUse, max: reading.max, peakWaiting: waiting,
                              reportedQueue: hasQueue(reading))
            return .began
        case .closed:
            defer { current = nil }
            return current.map { .ended($0, at: time) }
        case .unchanged:
            guard current?.reportedQueue == false, hasQueue(reading) else { return nil }
            current?.reportedQueue = true
            return .queueFormed
        }
    }

    /// Enough clients waiting to make the episode critical.
    func hasQueue(_ reading: PoolReading) -> Bool {
        (reading.waiting ?? 0) >= rules.poolWaiting
    }

    func isOverTheLine(_ reading: PoolReading) -> Bool {
        reading.saturation >= rules.poolSaturation || hasQueue(reading)
    }

    func isClear(_ reading: PoolReading) -> Bool {
        reading.saturation < rules.poolSaturation - rules.clearMargin && !hasQueue(reading)
    }
}
