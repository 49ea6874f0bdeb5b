extension IncidentState {
    /// A health sample updates the service's row; a change of state also lands in the timeline.
    mutating func applyHealth(_ event: Event, line: Int) -> TimelineChange? {
        guard let name = event.service, let state = event.state else { return nil }
        guard let index = serviceIndex.position(of: name) else {
            serviceIndex.add(name)
            var service = ServiceHealth(
                name: name, state: state, since: event.ts, sampledAt: event.ts,
                latencyMs: event.latencyMs, errorRate: event.errorRate, text: event.text)
            if state != HealthState.up.rawValue {
                service.impairedSince = event.ts
                service.impairedEpisodes = 1
            }
            service.sinceMayBeEarlier = samplesStartMidway
            services.append(service)
            serviceSentences.append(RecentSentences())
            // Midway, the service was already in this state: no change to mark.
            guard state != HealthState.up.rawValue, options.keepsTimeline, !samplesStartMidway else { return nil }
            return addMarker(.serviceChange, for: event, line: line,
                             text: healthSentence(index: services.count - 1, HealthChange(state: state, reason: event.text)))
        }
        guard event.ts >= services[index].sampledAt else { return nil }
        let previous = services[index].state
        services[index].sampledAt = event.ts
        services[index].latencyMs = event.latencyMs
        services[index].errorRate = event.errorRate
        services[index].text = event.text
        guard previous != state else { return nil }
        services[index].leave(for: state, at: event.ts)
        services[index].state = state
        services[index].since = event.ts
        services[index].sinceMayBeEarlier = false
        // Composed only when kept: a summary of a flapping service need not write sentences.
        guard options.keepsTimeline else { return nil }
        return addMarker(.serviceChange, for: event, line: line,
                         text: healthSentence(index: index, HealthChange(previous: previous, state: state, reason: event.text)))
    }

    /// `db: up → degraded (slow)`, or `db: down` for a service first seen impaired.
    private mutating func healthSentence(index: Int, _ change: HealthChange) -> String {
        let name = services[index].name
        let markerTexts = self.markerTexts
        return serviceSentences[index].sentence(for: change) {
            let transition = change.previous.map { "\($0) → \(change.state)" } ?? change.state
            return markerTexts.shared("\(name): \(transition)" + Self.reason(change.reason))
        }
    }

    /// A pool sample updates the pool's row and history. Crossing into saturation (at or above
    /// the threshold, or any client waiting) and out of it again are timeline markers, unless the
    /// sample says whose alerts tell that story (`alerted_by`): one episode, one account.
    mutating func applyPool(_ event: Event, line: Int) -> TimelineChange? {
        guard let name = event.pool, let inUse = event.inUse, let max = event.max else { return nil }
        let index: Int
        let isFirstSample: Bool
        if let known = poolIndex.position(of: name) {
            index = known
            isFirstSample = false
            guard event.ts >= pools[index].sampledAt else { return nil }
        } else {
            index = pools.count
            isFirstSample = true
            poolIndex.add(name)
            pools.append(PoolStatus(name: name, historyLimit: options.poolHistoryLimit, at: event.ts))
        }
        // Midway, an episode under way at the first sample began earlier: how long it lasts is unknown.
        let startUnknown = isFirstSample ? samplesStartMidway : pools[index].saturatedSinceMayBeEarlier
        // Mutated in place: a copy of the pool would copy its history on every sample.
        let change = pools[index].record(event, inUse: inUse, max: max, threshold: options.poolSaturationThreshold)
        pools[index].saturatedSinceMayBeEarlier = startUnknown && pools[index].isSaturated
        if startUnknown { return nil }
        guard options.keepsTimeline, event.poolEpisodesAlertedBy == nil else { return nil }
        switch change {
        case .began:
            let pool = pools[index]
            let (markerTexts, threshold) = (self.markerTexts, options.poolSaturationThreshold)
            let saturation = PoolSaturation(pool: index, inUse: pool.inUse, max: pool.max, waiting: pool.waiting)
            let text = poolSentences.sentence(for: saturation) {
                markerTexts.shared(Self.describeSaturation(pool, threshold: threshold))
            }
            return addMarker(.poolChange, for: event, line: line, text: text)
        case .ended(let seconds):
            let pool = pools[index]
            let markerTexts = self.markerTexts
            // `PoolStatus.record` never gives a negative length, so its whole seconds are all its text says.
            let recovery = PoolSaturation(pool: index, inUse: pool.inUse, max: pool.max, waiting: pool.waiting,
                                          afterSeconds: Int(seconds.rounded()))
            let text = poolSentences.sentence(for: recovery) {
                markerTexts.shared("\(name): back below saturation \(Self.describe(pool)) after " + DurationText.compact(seconds))
            }
            return addMarker(.poolChange, for: event, line: line, text: text)
        case nil:
            return nil
        }
    }

    /// `primary: saturated 50/50 in use (100%), 37 waiting`, or with the queue first when clients
    /// wait with connections to spare: `app: 20 clients waiting with 0/3 in use (0%)`.
    static func describeSaturation(_ pool: PoolStatus, threshold: Double) -> String {
        let waiting = pool.waiting ?? 0
        guard PoolText.queueLeads(inUse: pool.inUse, max: pool.max, waiting: waiting, threshold: threshold) else {
            return "\(pool.name): saturated \(describe(pool))"
        }
        return "\(pool.name): " + PoolText.queue(inUse: pool.inUse, max: pool.max, waiting: waiting)
    }

    /// `50/50 in use (100%), 37 waiting`
    static func describe(_ pool: PoolStatus) -> String {
        var text = PoolText.usage(inUse: pool.inUse, max: pool.max)
        if let waiting = pool.waiting, waiting > 0 { text += ", \(waiting) waiting" }
        return text
    }

    private static func reason(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "" }
        return " (\(text))"
    }
}
