extension IncidentSummary {
    /// A few lines a responder can read at a glance; journal text is escaped for the terminal.
    public func text() -> String {
        var lines: [String] = []
        let safe = SafeText.escape
        let title = state.title.map(safe) ?? "(no incident declared)"
        var heading = "\(state.severity.map(safe) ?? "SEV?")  \(title)"
        if let status = state.status {
            heading += "  [\(safe(status))" + (state.statusSince.map { " since \(TimeText.utc($0))" } ?? "") + "]"
        }
        lines.append(heading)
        if let impact = state.impact { lines.append("impact     \(safe(impact))") }
        if let start = state.milestones.impactStart, let elapsed = elapsedSeconds {
            let verb = state.milestones.resolved == nil ? "elapsed" : "lasted"
            lines.append("started    \(TimeText.utc(start)), \(verb) \(DurationText.compact(elapsed))")
        }
        lines.append("commander  \(state.commander.map(safe) ?? "(none)")"
            + state.roles.filter { $0.role != "commander" }.map { ", \(safe($0.role)) \(safe($0.who))" }.joined())
        for service in state.services { lines.append(serviceLine(service)) }
        for pool in state.pools { lines.append(poolLine(pool)) }
        lines.append("response   " + responseLine())
        lines.append("journal    \(state.eventCount) events, \(badLines) bad lines"
            + (head.map { ", head \($0.prefix(12))" } ?? ", empty"))
        return lines.joined(separator: "\n")
    }

    private func serviceLine(_ service: ServiceHealth) -> String {
        var line = "service    \(SafeText.escape(service.name)): \(SafeText.escape(service.state).uppercased())"
            + " since \(TimeText.utc(service.since))"
        if let latency = service.latencyMs { line += ", \(Int(latency.rounded())) ms" }
        if let reason = service.text, service.health != .up { line += " (\(SafeText.escape(reason)))" }
        return line
    }

    private func poolLine(_ pool: PoolStatus) -> String {
        var line = "pool       \(SafeText.escape(pool.name)): \(IncidentState.describe(pool))"
        if let since = pool.saturatedSince { line += ", SATURATED since \(TimeText.utc(since))" }
        return line
    }

    private func responseLine() -> String {
        let times = ResponseTimes(state.milestones)
        let parts: [(String, Double?)] = [
            ("detect", times.toDetect), ("acknowledge", times.toAcknowledge), ("escalate", times.toEscalate),
            ("mitigate", times.toMitigate), ("resolve", times.toResolve),
        ]
        return parts.map { "\($0.0) \($0.1.map(DurationText.compact) ?? "—")" }.joined(separator: " · ")
    }
}
