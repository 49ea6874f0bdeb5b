import IncidentCore

/// Decides which samples reach the journal: a sample that says something new is written at
/// once; one that repeats the last written is held back until `heartbeat` has passed, so an
/// 18-hour incident sampled every 5 s does not bury the timeline, and a quiet pane still shows
/// the collector is alive.
struct SampleThrottle<Sample> {
    let heartbeat: Duration
    /// Whether `next` says something `last` did not.
    let differs: (_ last: Sample, _ next: Sample) -> Bool
    private var lastWritten: (sample: Sample, at: Timestamp)?

    init(heartbeat: Duration, differs: @escaping (Sample, Sample) -> Bool) {
        self.heartbeat = heartbeat
        self.differs = differs
    }

    mutating func shouldWrite(_ sample: Sample, at time: Timestamp) -> Bool {
        if let last = lastWritten, !differs(last.sample, sample),
           last.at.seconds(until: time) < heartbeat.seconds {
            return false
        }
        lastWritten = (sample, time)
        return true
    }
}

extension HealthSample {
    /// A different state or reason is news; so is latency that moved by a quarter and 20 ms or
    /// more. Smaller wobbles wait for the heartbeat.
    static func differs(_ last: HealthSample, _ next: HealthSample) -> Bool {
        guard last.state == next.state, last.reason == next.reason else { return true }
        switch (last.latencyMilliseconds, next.latencyMilliseconds) {
        case (nil, nil): return false
        case let (before?, after?):
            let change = abs(after - before)
            return change >= 20 && change >= before * 0.25
        default: return true
        }
    }
}

extension PoolReading {
    /// Every figure of a pool matters: one more waiting client is the story.
    static func differs(_ last: PoolReading, _ next: PoolReading) -> Bool { last != next }
}
