/// A service's latest health sample and how long it has been in that state.
public struct ServiceHealth: Equatable, Sendable {
    public var name: String
    /// `up`, `degraded`, `down`, or whatever another tool wrote.
    public var state: String
    public var since: Timestamp
    public var sampledAt: Timestamp
    public var latencyMs: Double?
    public var errorRate: Double?
    /// The last sample's reason text, such as "connection refused".
    public var text: String?
    /// When the service last left `up`, nil while it is up.
    public var impairedSince: Timestamp?
    public var impairedEpisodes = 0
    /// The state may have begun before `since`: the samples before it have not been read yet.
    public var sinceMayBeEarlier = false
    /// Time spent in each state other than `up`, for states that have ended, in seconds.
    public var secondsEndedByState: [String: Double] = [:]

    public var health: HealthState? { HealthState(rawValue: state) }

    /// Time spent in `state` until `time`, the current state counted up to then.
    public func seconds(in state: String, until time: Timestamp) -> Double {
        let current = state == self.state ? Swift.max(0, since.seconds(until: time)) : 0
        return (secondsEndedByState[state] ?? 0) + current
    }

    /// Called before `state` and `since` change: closes the time spent in the state being left.
    mutating func leave(for newState: String, at time: Timestamp) {
        if health != .up { secondsEndedByState[state, default: 0] += Swift.max(0, since.seconds(until: time)) }
        if newState == HealthState.up.rawValue {
            impairedSince = nil
        } else if impairedSince == nil {
            impairedSince = time
            impairedEpisodes += 1
        }
    }
}

/// One point of a pool's history, for sparklines.
public struct PoolPoint: Equatable, Sendable {
    public var ts: Timestamp
    public var inUse: Int
    public var max: Int
    public var waiting: Int

    public var saturation: Double { max > 0 ? Double(inUse) / Double(max) : 0 }

    func isMoreSaturated(than other: PoolPoint) -> Bool {
        saturation != other.saturation ? saturation > other.saturation : waiting > other.waiting
    }
}

/// A connection pool's latest sample, recent history and its saturation episodes.
public struct PoolStatus: Equatable, Sendable {
    public var name: String
    public var inUse: Int
    public var max: Int
    public var waiting: Int?
    public var idle: Int?
    public var sampledAt: Timestamp
    /// Oldest first, bounded by `FoldOptions.poolHistoryLimit`.
    public var history: PoolHistory

    /// When the current saturation episode began, nil while the pool is below the threshold.
    public var saturatedSince: Timestamp?
    /// The episode may have begun before `saturatedSince`: the samples before it have not been read yet.
    public var saturatedSinceMayBeEarlier = false
    /// Saturation episodes that have ended, in seconds, summed.
    public var saturatedSecondsEnded: Double = 0
    public var episodes = 0
    /// The most saturated sample so far (most waiting clients breaking ties).
    public var peak: PoolPoint?
    public var peakWaiting = 0

    /// `in_use / max`; nil when `max` is not positive.
    public var saturation: Double? { max > 0 ? Double(inUse) / Double(max) : nil }

    init(name: String, historyLimit: Int, at time: Timestamp) {
        self.name = name
        self.inUse = 0
        self.max = 0
        self.sampledAt = time
        self.history = PoolHistory(capacity: historyLimit)
    }

    enum SaturationChange {
        case began
        case ended(afterSeconds: Double)
    }

    /// Takes one sample in place; says when it starts or ends a saturation episode.
    mutating func record(_ event: Event, inUse: Int, max: Int, threshold: Double) -> SaturationChange? {
        self.inUse = inUse
        self.max = max
        waiting = event.waiting
        idle = event.idle
        sampledAt = event.ts
        let waitingNow = event.waiting ?? 0
        history.append(PoolPoint(ts: event.ts, inUse: inUse, max: max, waiting: waitingNow))
        let point = history.last!
        if let worst = peak {
            if point.isMoreSaturated(than: worst) { peak = point }
        } else {
            peak = point
        }
        peakWaiting = Swift.max(peakWaiting, waitingNow)

        let saturated = (saturation ?? 0) >= threshold || waitingNow > 0
        if saturated, saturatedSince == nil {
            saturatedSince = event.ts
            episodes += 1
            return .began
        }
        if !saturated, let since = saturatedSince {
            let seconds = Swift.max(0, since.seconds(until: event.ts))
            saturatedSecondsEnded += seconds
            saturatedSince = nil
            return .ended(afterSeconds: seconds)
        }
        return nil
    }
    public var isSaturated: Bool { saturatedSince != nil }

    /// Total time spent saturated up to `time` (the running episode counted up to then).
    public func saturatedSeconds(until time: Timestamp) -> Double {
        saturatedSecondsEnded + (saturatedSince.map { Swift.max(0, $0.seconds(until: time)) } ?? 0)
    }
}

public struct RoleAssignment: Equatable, Sendable {
    public var role: String
    public var who: String
    public var since: Timestamp
}
