extension IncidentState {
    /// A health sample updates the service's row; a change of state also lands in the timeline.
    mutating func applyHealth(_ event: Event, line: Int) {
        guard let name = event.service, let state = event.state else { return }
        guard let index = serviceIndex[name] else {
            serviceIndex[name] = services.count
            var service = ServiceHealth(
                name: name, state: state, since: event.ts, sampledAt: event.ts,
                latencyMs: event.latencyMs, errorRate: event.errorRate, text: event.text)
            service.track(state: state, at: event.ts)
            services.append(service)
            if state != HealthState.up.rawValue {
                addMarker(.serviceChange, at: event.ts, line: line, actor: event.actor,
                          text: "\(name): \(state)" + reason(event.text))
            }
            return
        }
        guard event.ts >= services[index].sampledAt else { return }
        let previous = services[index].state
        services[index].sampledAt = event.ts
        services[index].latencyMs = event.latencyMs
        services[index].errorRate = event.errorRate
        services[index].text = event.text
        if previous != state {
            services[index].state = state
            services[index].since = event.ts
            services[index].track(state: state, at: event.ts)
            addMarker(.serviceChange, at: event.ts, line: line, actor: event.actor,
                      text: "\(name): \(previous) → \(state)" + reason(event.text))
        }
    }

    /// A pool sample updates the pool's row and history. Crossing into saturation (at or above
    /// the threshold, or any client waiting) and out of it again are timeline markers.
    mutating func applyPool(_ event: Event, line: Int) {
        guard let name = event.pool, let inUse = event.inUse, let max = event.max else { return }
        let index: Int
        if let known = poolIndex[name] {
            index = known
            guard event.ts >= pools[index].sampledAt else { return }
        } else {
            index = pools.count
            poolIndex[name] = index
            pools.append(PoolStatus(name: name, inUse: inUse, max: max, sampledAt: event.ts))
        }
        var pool = pools[index]
        pool.inUse = inUse
        pool.max = max
        pool.waiting = event.waiting
        pool.idle = event.idle
        pool.sampledAt = event.ts
        pool.history.append(PoolPoint(ts: event.ts, inUse: inUse, max: max, waiting: event.waiting ?? 0))
        if pool.history.count > options.poolHistoryLimit {
            pool.history.removeFirst(pool.history.count - options.poolHistoryLimit)
        }
        if inUse > pool.peakInUse || (event.waiting ?? 0) > pool.peakWaiting {
            pool.peakAt = event.ts
        }
        pool.peakInUse = Swift.max(pool.peakInUse, inUse)
        pool.peakWaiting = Swift.max(pool.peakWaiting, event.waiting ?? 0)
        updateSaturation(&pool, event: event, line: line)
        pools[index] = pool
    }

    private mutating func updateSaturation(_ pool: inout PoolStatus, event: Event, line: Int) {
        let saturated = (pool.saturation ?? 0) >= options.poolSaturationThreshold || (pool.waiting ?? 0) > 0
        if saturated, pool.saturatedSince == nil {
            pool.saturatedSince = event.ts
            pool.episodes += 1
            addMarker(.poolChange, at: event.ts, line: line, actor: event.actor,
                      text: "\(pool.name): saturated \(Self.describe(pool))")
        } else if !saturated, let since = pool.saturatedSince {
            pool.saturatedSecondsEnded += Swift.max(0, since.seconds(until: event.ts))
            pool.saturatedSince = nil
            addMarker(.poolChange, at: event.ts, line: line, actor: event.actor,
                      text: "\(pool.name): back below saturation \(Self.describe(pool)) after "
                        + DurationText.compact(since.seconds(until: event.ts)))
        }
    }

    /// `50/50 in use (100%), 37 waiting`
    static func describe(_ pool: PoolStatus) -> String {
        var text = "\(pool.inUse)/\(pool.max) in use"
        if let saturation = pool.saturation { text += " (\(Int((saturation * 100).rounded()))%)" }
        if let waiting = pool.waiting, waiting > 0 { text += ", \(waiting) waiting" }
        return text
    }

    private func reason(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "" }
        return " (\(text))"
    }
}
