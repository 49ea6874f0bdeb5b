/// A Markdown postmortem draft in the shape of a blameless postmortem: summary, response times,
/// timeline, root cause and resolution, lessons learned, measures, tasks with owners. Every sentence comes from the journal;
/// where the journal is silent the draft says which entry would fill the gap.
public struct PostmortemReport {
    public let state: IncidentState
    public let source: String
    public let head: String?
    /// The moment the report describes: `--at`, or now.
    public let asOf: Timestamp

    public init(state: IncidentState, source: String, head: String?, asOf: Timestamp) {
        self.state = state
        self.source = source
        self.head = head
        self.asOf = asOf
    }

    public func markdown() -> String {
        var whole: [UInt8] = []
        write { whole.append(contentsOf: $0) }
        return String(decoding: whole, as: UTF8.self)
    }

    /// The same text, handed to `emit` as it is written, in pieces of whole lines: a long
    /// incident's report is tens of megabytes, and building it whole, then copying it into a
    /// String and that into the output's bytes, cost a fifth of `sitrep report`.
    package func write(_ emit: ([UInt8]) -> Void) {
        let quoted = QuotedEntries(state.timeline)
        var out = MarkdownText()
        out.line("# Postmortem: \(state.title.map(MarkdownText.inline) ?? "Untitled incident")")
        out.blank()
        out.line("_Draft written by sitrep from \(MarkdownText.code(source)) (\(state.eventCount) events\(headNote)) as of \(TimeText.long(asOf)). Review and edit before publishing._")
        summary(&out)
        responseTimes(&out)
        drillComparison(&out)
        timeline(&out, emit: emit)
        rootCause(&out, causes: quoted.causes, mitigations: quoted.mitigations)
        lessons(&out, mitigations: quoted.mitigations)
        measures(&out)
        tasks(&out, quoted.tasks)
        emit(out.bytes)
    }

    private var headNote: String { head.map { ", head `\($0.prefix(12))`" } ?? "" }

    private var endOfImpact: Timestamp { state.milestones.resolved ?? asOf }

    private func summary(_ out: inout MarkdownText) {
        out.section("Issue Summary")
        let milestones = state.milestones
        if let start = milestones.impactStart {
            let end = milestones.resolved.map(TimeText.long) ?? "ongoing as of \(TimeText.long(asOf))"
            out.line("- **Duration:** \(TimeText.long(start)) – \(end) (\(DurationText.compact(start.seconds(until: endOfImpact))))")
        } else {
            out.line("- **Duration:** unknown: the journal has no `declare` or `alert` entry to start from.")
        }
        out.line("- **Impact:** " + (state.impact.map(MarkdownText.inline)
            ?? "_not recorded: declare the incident with `--impact TEXT` to fill this in._"))
        out.line("- **Severity:** " + (state.severity.map(MarkdownText.inline) ?? "_not recorded (`sitrep severity SEV`)_"))
        out.line("- **Status:** " + (state.status.map { "\(MarkdownText.inline($0))" + (state.statusSince.map { " since \(TimeText.long($0))" } ?? "") }
            ?? "_no status recorded_"))
        let roles = rolesText()
        out.line("- **Responders:** " + (roles.isEmpty ? "_no roles recorded (`sitrep role commander NAME`)_" : roles))
    }

    private func rolesText() -> String {
        var parts = state.roles.map { "\(MarkdownText.inline($0.role)) \(MarkdownText.inline($0.who))" }
        if state.role("commander") == nil, let commander = state.commander {
            parts.insert("commander \(MarkdownText.inline(commander)) (declared the incident)", at: 0)
        }
        return parts.joined(separator: ", ")
    }

    private func responseTimes(_ out: inout MarkdownText) {
        out.section("Response Times")
        let milestones = state.milestones
        let times = ResponseTimes(milestones)
        let start = milestones.impactStart
        out.line("| Milestone | When (UTC) | Since impact start | Measure |")
        out.line("|---|---|---|---|")
        func row(_ name: String, _ time: Timestamp?, _ measure: String, _ value: Double?, missing: String) {
            guard let time else {
                out.line("| \(name) | — | — | \(measure): _\(missing)_ |")
                return
            }
            let since = start.map { DurationText.compact($0.seconds(until: time)) } ?? "—"
            let measured = value.map { "\(measure): **\(DurationText.compact($0))**" } ?? "—"
            out.line("| \(name) | \(TimeText.utc(time)) | \(since) | \(measured) |")
        }
        row("Impact start", start, "", nil, missing: "no `declare` entry")
        row("Detected (first alert)", milestones.detected, "time to detect", times.toDetect,
            missing: "no `alert` entry")
        row("Acknowledged (first responder entry)", milestones.acknowledged, "time to acknowledge",
            times.toAcknowledge, missing: "no entry by a responder")
        row("Escalated", milestones.escalated, "time to escalate", times.toEscalate, missing: "no `escalation` entry")
        row("Mitigated (first applied mitigation)", milestones.mitigated, "time to mitigate", times.toMitigate,
            missing: "no applied `mitigation` entry")
        row("Resolved", milestones.resolved, "time to resolve", times.toResolve,
            missing: "status is not `resolved` (`sitrep status resolved`)")
        out.blank()
        out.line("Time to acknowledge counts from the first alert (zero if a responder was already on it); the others from impact start.")
    }

    /// A drill's journal: the trainees' response times beside the original incident's. The drill
    /// ran `speed` times faster than the original, so its times are also shown at incident scale.
    private func drillComparison(_ out: inout MarkdownText) {
        guard let drill = state.drill else { return }
        out.section("Drill: Trainees and the Original")
        out.line("Built from \(MarkdownText.code(drill.source))"
            + (drill.originalTitle.map { " (\(MarkdownText.inline($0)))" } ?? "")
            + ", played at \(SpeedText.factor(drill.speed))× real time.")
        out.blank()
        out.line("| Measure | Trainees (drill clock) | Trainees at incident scale | Original incident |")
        out.line("|---|---|---|---|")
        let trainees = ResponseTimes(state.milestones)
        let rows: [(String, Double?, String)] = [
            ("time to acknowledge", trainees.toAcknowledge, "acknowledge"),
            ("time to escalate", trainees.toEscalate, "escalate"),
            ("time to mitigate", trainees.toMitigate, "mitigate"),
        ]
        for (name, value, key) in rows {
            let measured = value.map(DurationText.compact) ?? "—"
            let scaled = value.map { DurationText.compact($0 * drill.speed) } ?? "—"
            let original = drill.original[key].map(DurationText.compact) ?? "—"
            out.line("| \(name) | \(measured) | \(scaled) | \(original) |")
        }
    }

    private func rootCause(_ out: inout MarkdownText, causes: [TimelineEntry], mitigations: [TimelineEntry]) {
        out.section("Root Cause and Resolution")
        if causes.isEmpty {
            out.line("**Root cause:** _not recorded. Add it with `sitrep cause TEXT`._")
        } else {
            out.line("**Root cause:**")
            out.blank()
            for cause in causes { out.line("- \(MarkdownText.inline(cause.text))\(attribution(cause))") }
        }
        out.blank()
        if mitigations.isEmpty {
            out.line("**Resolution:** _no mitigation recorded. Add one with `sitrep mitigate TEXT`._")
        } else {
            out.line("**Resolution:** mitigations in the order they were recorded:")
            out.blank()
            for step in mitigations {
                out.line("- \(MarkdownText.inline(step.text)) (\(MarkdownText.inline(step.detail ?? "applied")))\(attribution(step))")
            }
        }
        out.blank()
        if let resolved = state.milestones.resolved {
            out.line("The incident was marked resolved at \(TimeText.long(resolved)).")
        } else {
            out.line("_Not resolved as of \(TimeText.long(asOf)): `sitrep status resolved` records the resolution._")
        }
    }

    private func measures(_ out: inout MarkdownText) {
        out.section("Corrective and Preventative Measures")
        out.line("What the journal measured, for the measures to address:")
        out.blank()
        var facts = poolFacts() + serviceFacts()
        if facts.isEmpty {
            facts = ["_No pool saturation or service impairment in the journal's samples (`health` and `pool` events)._"]
        }
        for fact in facts { out.line("- \(fact)") }
        out.blank()
        out.line("_For the review to write: the measures agreed on, each recorded as a task below with an owner._")
    }

    private func poolFacts() -> [String] {
        state.pools.filter { $0.episodes > 0 }.map { pool in
            var text = "Connection pool \(MarkdownText.code(pool.name)) saturated "
                + (pool.episodes == 1 ? "once" : "\(pool.episodes) times")
                + " for \(DurationText.compact(pool.saturatedSeconds(until: endOfImpact))) in all"
            if let peak = pool.peak { text += "; peak \(peak.inUse)/\(peak.max) in use (\(TimeText.long(peak.ts)))" }
            if pool.peakWaiting > 0 { text += ", with up to \(pool.peakWaiting) clients waiting" }
            if pool.isSaturated { text += "; **still saturated** at the last sample" }
            return text + "."
        }
    }

    private func serviceFacts() -> [String] {
        state.services.filter { $0.impairedEpisodes > 0 }.map { service in
            let states = [HealthState.down.rawValue, HealthState.degraded.rawValue]
                + service.secondsEndedByState.keys.filter { $0 != "down" && $0 != "degraded" }.sorted()
            let spans = states.compactMap { name -> String? in
                let seconds = service.seconds(in: name, until: endOfImpact)
                return seconds > 0 ? "\(MarkdownText.inline(name)) for \(DurationText.compact(seconds))" : nil
            }
            var text = "Service \(MarkdownText.code(service.name)) was " + spans.joined(separator: " and ")
            if service.impairedEpisodes > 1 { text += " over \(service.impairedEpisodes) episodes" }
            if service.health != .up { text += "; **\(MarkdownText.inline(service.state))** at the last sample" }
            return text + "."
        }
    }

    private func tasks(_ out: inout MarkdownText, _ tasks: [TimelineEntry]) {
        out.section("Tasks to Address the Issue")
        guard !tasks.isEmpty else {
            out.line("_No follow-up tasks recorded. Add them with `sitrep task TEXT --owner NAME`._")
            return
        }
        for task in tasks {
            out.line("- [ ] \(MarkdownText.inline(task.text))"
                + (task.detail.map { " (\(MarkdownText.inline($0)))" } ?? " _(no owner yet: `sitrep task TEXT --owner NAME`)_"))
        }
    }

    func attribution(_ entry: TimelineEntry) -> String {
        " — \(entry.actor.map(MarkdownText.inline) ?? "unknown"), \(TimeText.long(entry.ts))"
    }
}
