/// When a stretch without events is too long to sit through. Replay and drills share it, so an
/// incident skips the same stretches whichever way it is played again.
public enum QuietStretch {
    /// A gap that would take longer than this, in real seconds at the speed played, is skipped.
    public static let realSecondsLimit = 2.0
    /// A skip lands this many real seconds before the next event, so that event is seen arriving.
    public static let leadInRealSeconds = 0.5
}

extension DemoScenario {
    /// A quiet stretch cut out: where it starts in the original scenario, and how long it was.
    public struct Cut: Equatable, Sendable {
        public let start: Double
        public let seconds: Double
    }

    /// The quiet stretches cut out of a scenario, to map its times onto the shortened one.
    public struct Cuts: Equatable, Sendable {
        public let cuts: [Cut]

        /// Scenario time skipped in all.
        public var skippedSeconds: Double { cuts.reduce(0) { $0 + $1.seconds } }

        /// Where an offset of the original scenario falls in the shortened one; a moment inside a
        /// cut lands where the cut does.
        public func shortened(_ offset: Double) -> Double {
            var result = offset
            for cut in cuts where offset > cut.start {
                result -= min(cut.seconds, offset - cut.start)
            }
            return result
        }
    }

    /// This scenario with every gap between steps that would take longer than
    /// `QuietStretch.realSecondsLimit` at `speed` shortened to `QuietStretch.leadInRealSeconds`,
    /// as replay skips them: an 18-hour incident's quiet night need not take 18 minutes at 60×.
    public func skippingQuietStretches(speed: Double) -> (scenario: DemoScenario, cuts: Cuts) {
        let limit = QuietStretch.realSecondsLimit * speed
        let kept = QuietStretch.leadInRealSeconds * speed
        var cuts: [Cut] = []
        var shifted: [Step] = []
        var previous = 0.0
        var removed = 0.0
        for step in steps {
            let gap = step.offset - previous
            if gap > limit {
                cuts.append(Cut(start: previous, seconds: gap - kept))
                removed += gap - kept
            }
            previous = step.offset
            var event = step.event
            // A declare's `started` keeps its distance before the event, as the player plays it.
            event.started = event.started?.adding(seconds: -removed)
            shifted.append(Step(offset: step.offset - removed, event: event))
        }
        return (DemoScenario(steps: shifted), Cuts(cuts: cuts))
    }
}
