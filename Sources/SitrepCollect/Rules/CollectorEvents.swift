import IncidentCore

/// The journal lines the collector writes, in the contract's kinds: `health` and `pool` samples,
/// an `alert` when an episode opens (and one when a pool's queue forms later), a `note` when it ends.
struct CollectorEvents {
    let actor: String

    func health(_ service: String, _ sample: HealthSample, at time: Timestamp) -> Event {
        var event = Event(ts: time, kind: .health, actor: actor, text: sample.reason)
        event.service = service
        event.state = sample.state.rawValue
        event.latencyMs = sample.latencyMilliseconds
        return event
    }

    func pool(_ name: String, _ reading: PoolReading, at time: Timestamp) -> Event {
        var event = Event(ts: time, kind: .pool, actor: actor)
        event.pool = name
        event.inUse = reading.inUse
        event.max = reading.max
        event.waiting = reading.waiting
        event.idle = reading.idle
        // The collector raises this pool's episodes itself: readers should not tell them again.
        event.extra.append(.init(key: Event.alertedByKey, value: .string(actor)))
        return event
    }

    func poolSaturated(_ name: String, _ reading: PoolReading, rules: AlertRules, at time: Timestamp) -> Event {
        let level = (reading.waiting ?? 0) >= rules.poolWaiting ? "critical" : "warning"
        return alert(saturationText(name, reading, rules: rules), level: level, at: time) { $0.pool = name }
    }

    /// A saturated pool's episode turning critical: `pool_waiting` clients or more are waiting.
    func poolQueueFormed(_ name: String, _ reading: PoolReading, at time: Timestamp) -> Event {
        let text = "pool \(name) now has \(CountText.of(reading.waiting ?? 0, "client")) waiting with \(usage(reading))"
        return alert(text, level: "critical", at: time) { $0.pool = name }
    }

    private func saturationText(_ name: String, _ reading: PoolReading, rules: AlertRules) -> String {
        let waiting = reading.waiting ?? 0
        if PoolText.queueLeads(inUse: reading.inUse, max: reading.max, waiting: waiting, threshold: rules.poolSaturation) {
            return "pool \(name) has " + PoolText.queue(inUse: reading.inUse, max: reading.max, waiting: waiting)
        }
        return "pool \(name) saturated: \(usage(reading))" + (waiting > 0 ? ", \(waiting) waiting" : "")
    }

    private func usage(_ reading: PoolReading) -> String {
        PoolText.usage(inUse: reading.inUse, max: reading.max)
    }

    func poolRecovered(_ name: String, _ episode: PoolEpisodes.Episode, at time: Timestamp) -> Event {
        let lasted = DurationText.compact(episode.started.seconds(until: time))
        var text = "pool \(name) back below saturation after \(lasted); peak \(episode.peakInUse)/\(episode.max) in use"
        if episode.peakWaiting > 0 { text += ", \(episode.peakWaiting) waiting" }
        return note(text, at: time)
    }

    func serviceDown(_ service: String, _ sample: HealthSample, at time: Timestamp) -> Event {
        alert("\(service) is down: \(sample.reason ?? "no answer")", level: "critical", at: time) { $0.service = service }
    }

    func serviceRecovered(_ service: String, _ episode: ServiceEpisodes.Episode, at time: Timestamp) -> Event {
        let lasted = DurationText.compact(episode.started.seconds(until: time))
        return note("\(service) is answering again after \(lasted) down", at: time)
    }

    /// Monitoring that cannot see the pool says so as loudly as a saturated pool would.
    func poolBlind(_ name: String, failures: Int, _ problem: String, at time: Timestamp) -> Event {
        alert("monitoring is blind to pool \(name): \(CountText.of(failures, "read")) in a row failed: \(problem); still trying",
              level: "warning", at: time) { $0.pool = name }
    }

    /// Critical at once: the exporter itself says the pooler is down, so every client is refused.
    func poolerDown(_ name: String, _ problem: String, at time: Timestamp) -> Event {
        alert("pool \(name)'s pooler is down: \(problem)", level: "critical", at: time) { $0.pool = name }
    }

    func poolerUp(_ name: String, downSince: Timestamp, at time: Timestamp) -> Event {
        let lasted = DurationText.compact(downSince.seconds(until: time))
        return note("pool \(name)'s pooler is up again after \(lasted) down", at: time)
    }

    func poolSeenAgain(_ name: String, _ blindness: SourceFailures.Blindness, at time: Timestamp) -> Event {
        let lasted = DurationText.compact(blindness.since.seconds(until: time))
        return note("pool \(name) can be read again after \(lasted) blind (\(CountText.of(blindness.failures, "failed read")))", at: time)
    }

    /// Said once a run: a reading the team should not take at its word.
    func poolReadingCaveat(_ name: String, _ caveat: String, at time: Timestamp) -> Event {
        var event = note("pool \(name): \(caveat)", at: time)
        event.pool = name
        return event
    }

    private func alert(_ text: String, level: String, at time: Timestamp, _ adjust: (inout Event) -> Void) -> Event {
        var event = Event(ts: time, kind: .alert, actor: actor, text: text)
        event.level = level
        adjust(&event)
        event.markAutomated()
        return event
    }

    func note(_ text: String, at time: Timestamp) -> Event {
        var event = Event(ts: time, kind: .note, actor: actor, text: text)
        event.markAutomated()
        return event
    }
}
