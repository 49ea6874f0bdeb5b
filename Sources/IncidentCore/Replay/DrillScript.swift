/// A training exercise built from a real incident: its monitoring side (health and pool samples,
/// alerts) becomes a scenario to play into a new journal, while trainees respond as they would.
///
/// The new journal opens with a `drill` event (an extension of the journal format, documented in
/// docs/journal-format.md) that names the source and carries the original response times, so a
/// report on the drill can set the trainees' times beside them.
public enum DrillScript {
    public static let kind = EventKind.other("drill")

    public struct Plan: Sendable {
        public let scenario: DemoScenario
        /// The first event to write into the drill's journal.
        public let reference: Event
        /// Scenario time left out as quiet stretches (none with `skipsQuietStretches` false).
        public var skippedSeconds: Double = 0
    }

    /// `skipsQuietStretches`: gaps too long to sit through at `speed` are cut, as replay skips them.
    public static func plan(from source: any JournalStore, speed: Double, actor: String, at now: Timestamp,
                            skipsQuietStretches: Bool = false) throws(JournalError) -> Plan {
        var original = IncidentState()
        var monitoring: [Event] = []
        try source.read { record in
            guard case let .event(event, line) = record else { return }
            original.apply(event, line: line)
            if event.kind == .health || event.kind == .pool || event.kind == .alert { monitoring.append(event) }
        }
        monitoring.sort { $0.ts < $1.ts }
        let first = monitoring.first?.ts ?? now
        let steps = monitoring.map { event -> DemoScenario.Step in
            var replayed = event
            // A new journal, a new chain: the player's store gives fresh ids and times of writing.
            replayed.id = nil
            replayed.logged = nil
            replayed.prev = nil
            return DemoScenario.Step(offset: first.seconds(until: event.ts), event: replayed)
        }
        var scenario = DemoScenario(steps: steps)
        var cuts = DemoScenario.Cuts(cuts: [])
        if skipsQuietStretches { (scenario, cuts) = scenario.skippingQuietStretches(speed: speed) }
        var reference = reference(source: source.location, original: original, speed: speed, actor: actor, at: now)
        // The original's impact start, mapped onto the drill's clock, so that both sets of times
        // count from the same moment of the story.
        if let start = original.milestones.impactStart {
            reference.started = now.adding(seconds: cuts.shortened(first.seconds(until: start)) / speed)
        }
        return Plan(scenario: scenario, reference: reference, skippedSeconds: cuts.skippedSeconds)
    }

    private static func reference(source: String, original: IncidentState, speed: Double, actor: String,
                                  at now: Timestamp) -> Event {
        let times = ResponseTimes(original.milestones)
        var event = Event(ts: now, kind: kind, actor: actor,
                          text: "Drill of \"\(original.title ?? "an incident")\" at \(speed)× real time, from \(source)")
        var measured: [(key: String, value: JSONValue)] = []
        for (name, value) in [("detect", times.toDetect), ("acknowledge", times.toAcknowledge), ("escalate", times.toEscalate),
                              ("mitigate", times.toMitigate), ("resolve", times.toResolve)] {
            measured.append((name, value.map(JSONValue.number) ?? .null))
        }
        event.extra = [
            .init(key: "source", value: .string(source)),
            .init(key: "speed", value: .number(speed)),
            .init(key: "original_title", value: original.title.map(JSONValue.string) ?? .null),
            .init(key: "original_response_seconds", value: .object(measured)),
        ]
        return event
    }
}

/// What a `drill` event says about the incident the drill was built from.
public struct DrillReference: Equatable, Sendable {
    public var source: String
    public var speed: Double
    public var originalTitle: String?
    /// The original's response times in seconds, by name: detect, acknowledge, escalate, mitigate, resolve.
    public var original: [String: Double]

    init?(_ event: Event) {
        guard event.kind == DrillScript.kind else { return nil }
        let field = event.extraValue
        guard case .string(let source)? = field("source") else { return nil }
        self.source = source
        if case .number(let speed)? = field("speed"), speed > 0 { self.speed = speed } else { self.speed = 1 }
        originalTitle = field("original_title")?.stringValue
        original = [:]
        if case .object(let pairs)? = field("original_response_seconds") {
            for pair in pairs { if case .number(let seconds) = pair.value { original[pair.key] = seconds } }
        }
    }
}
