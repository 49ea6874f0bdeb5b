/// A story to write into a journal as it happens: which events, and when.
///
/// Times are offsets in seconds from the demo's start, at speed 1. Each step's event carries its
/// offset as its `ts` (seconds after the Unix epoch), and a `declare`'s `started` is given the same
/// way, so a scenario folds on its own, in tests, exactly as it will play relative to its start.
/// `ScenarioPlayer` moves both onto the wall clock as it writes them.
public struct DemoScenario: Sendable {
    public struct Step: Equatable, Sendable {
        public let offset: Double
        public let event: Event

        /// Sets the event's `ts` to `offset`; whatever `ts` it had is ignored.
        public init(offset: Double, event: Event) {
            var event = event
            event.ts = Timestamp(secondsSinceEpoch: offset)
            self.offset = offset
            self.event = event
        }

        /// The event as written `now` by a player running `speed` times faster than the story.
        /// `started` keeps its distance before `ts`, scaled like every other interval.
        public func event(playedAt now: Timestamp, speed: Double) -> Event {
            var played = event
            if let started = event.started {
                played.started = now.adding(seconds: -started.seconds(until: event.ts) / speed)
            }
            played.ts = now
            return played
        }
    }

    /// Ordered by offset; steps at the same offset keep the order they were given in.
    public let steps: [Step]

    public init(steps: [Step]) {
        self.steps = steps.enumerated()
            .sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }
            .map(\.element)
    }

    /// Seconds from the demo's start to its last step, at speed 1.
    public var duration: Double { steps.last?.offset ?? 0 }
}
