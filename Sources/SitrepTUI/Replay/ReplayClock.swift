import IncidentCore

/// Replay's clock: the moment of the recording on screen, moving at `speed` times real time while
/// playing. Long quiet stretches are skipped (an 18-hour incident should replay in minutes), and
/// the last skip is remembered so the header can say how much time went by unseen.
public struct ReplayClock: Equatable, Sendable {
    public static let speeds: [Double] = [1, 2, 5, 10, 30, 60, 120, 300, 600, 1200, 3600]
    /// A gap that would take longer than this, in real seconds at the current speed, is skipped.
    static let quietLimit = QuietStretch.realSecondsLimit

    public private(set) var time: Timestamp
    public private(set) var speed: Double
    public var isPlaying: Bool
    public let skipsQuietStretches: Bool
    /// Journal time jumped over by the last skip, and the replay time at which it landed.
    public private(set) var lastSkip: (seconds: Double, landedAt: Timestamp)?

    public init(time: Timestamp, speed: Double, playing: Bool, skipsQuietStretches: Bool) {
        self.time = time
        self.speed = speed
        self.isPlaying = playing
        self.skipsQuietStretches = skipsQuietStretches
    }

    public static func == (lhs: ReplayClock, rhs: ReplayClock) -> Bool {
        lhs.time == rhs.time && lhs.speed == rhs.speed && lhs.isPlaying == rhs.isPlaying
            && lhs.lastSkip?.seconds == rhs.lastSkip?.seconds && lhs.lastSkip?.landedAt == rhs.lastSkip?.landedAt
    }

    /// Moves on by `realSeconds` of wall time. `nextEvent` is the time of the next event still to
    /// come, if any: a gap before it too long to sit through is jumped, to a moment just before it.
    public mutating func advance(realSeconds: Double, nextEvent: Timestamp?, end: Timestamp?) {
        guard isPlaying else { return }
        if skipsQuietStretches, let next = nextEvent, time.seconds(until: next) / speed > Self.quietLimit {
            let landing = next.adding(seconds: -speed * QuietStretch.leadInRealSeconds)
            lastSkip = (time.seconds(until: landing), landing)
            time = landing
            return
        }
        time = time.adding(seconds: realSeconds * speed)
        if let end, time >= end {
            time = end
            isPlaying = false
        }
    }

    public mutating func jump(to moment: Timestamp) {
        time = moment
        lastSkip = nil
    }

    /// `+` and `-`: the next faster or slower of the usual speeds.
    public mutating func changeSpeed(faster: Bool) {
        if faster {
            speed = Self.speeds.first { $0 > speed } ?? speed
        } else {
            speed = Self.speeds.last { $0 < speed } ?? speed
        }
    }

    /// Real seconds until the clock reaches `moment` at the current speed.
    public func realSeconds(until moment: Timestamp) -> Double {
        max(0, time.seconds(until: moment) / speed)
    }
}
