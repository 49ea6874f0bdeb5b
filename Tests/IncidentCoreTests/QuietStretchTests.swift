import TestSupport
import Testing
@testable import IncidentCore

/// Drills skip quiet stretches as replay does: a scenario transform, so the player knows nothing of it.
@Suite struct QuietStretchTests {
    /// An 18-hour incident: a busy first ten minutes, a night with a sample an hour, a busy end.
    static let longNight: DemoScenario = {
        var steps: [DemoScenario.Step] = []
        for minute in 0...10 { steps.append(sample(at: Double(minute) * 60)) }
        for hour in 1...17 { steps.append(sample(at: Double(hour) * 3600)) }
        for minute in 51...60 { steps.append(sample(at: 17 * 3600 + Double(minute) * 60)) }
        return DemoScenario(steps: steps)
    }()

    static func sample(at offset: Double) -> DemoScenario.Step {
        DemoScenario.Step(offset: offset, event: Event(ts: Timestamp(secondsSinceEpoch: 0), kind: .pool, actor: "collector"))
    }

    @Test func anEighteenHourIncidentAt60xPlaysInWellUnderAMinute() {
        #expect(Self.longNight.duration == 18 * 3600)
        let (short, cuts) = Self.longNight.skippingQuietStretches(speed: 60)
        // 19 one-minute gaps watched at a real second each, 18 quiet stretches cut to half a second.
        #expect(short.duration / 60 == 28, "played for \(short.duration / 60) real seconds")
        #expect(Self.longNight.duration / 60 == 18 * 60, "without skipping: 18 minutes")
        #expect(short.steps.count == Self.longNight.steps.count, "every step is still played")
        #expect(cuts.skippedSeconds == Self.longNight.duration - short.duration)
    }

    @Test func gapsShortEnoughToWatchAreKeptAndLongOnesLandJustBeforeTheNextStep() {
        let (short, cuts) = Self.longNight.skippingQuietStretches(speed: 60)
        let gaps = zip(short.steps.dropFirst(), short.steps).map { $0.offset - $1.offset }
        // A minute apart at 60x is one real second: watched. An hour is cut to half a real second.
        #expect(gaps.allSatisfy { $0 == 60 || $0 == QuietStretch.leadInRealSeconds * 60 }, "\(Set(gaps))")
        #expect(cuts.cuts.count == 18, "before each hourly sample and before the busy end")
        #expect(cuts.cuts.first == DemoScenario.Cut(start: 10 * 60, seconds: 50 * 60 - 30))
        #expect(short.steps.map(\.event.ts.secondsSinceEpoch) == short.steps.map(\.offset), "each event's ts is its new offset")
    }

    @Test func timesMapOntoTheShortenedScenario() {
        let cuts = DemoScenario.Cuts(cuts: [DemoScenario.Cut(start: 100, seconds: 1000)])
        #expect(cuts.shortened(50) == 50, "before the cut: unchanged")
        #expect(cuts.shortened(600) == 100, "inside the cut: where it lands")
        #expect(cuts.shortened(1300) == 300, "after: earlier by the whole cut")
    }

    @Test func aGapOfTwoRealSecondsIsStillWatched() {
        let scenario = DemoScenario(steps: [Self.sample(at: 0), Self.sample(at: 120), Self.sample(at: 240.5)])
        let (short, cuts) = scenario.skippingQuietStretches(speed: 60)
        #expect(cuts.cuts == [DemoScenario.Cut(start: 120, seconds: 90.5)], "2 s at 60x is kept, 2.008 s is not")
        #expect(short.steps.map(\.offset) == [0, 120, 150])
    }

    @Test func aDeclaresStartedKeepsItsDistanceBeforeIt() {
        var declare = Event(ts: Timestamp(secondsSinceEpoch: 0), kind: .declare, actor: "alice")
        declare.started = Timestamp(secondsSinceEpoch: 3000)
        let scenario = DemoScenario(steps: [Self.sample(at: 0), DemoScenario.Step(offset: 3600, event: declare)])
        let (short, _) = scenario.skippingQuietStretches(speed: 60)
        let played = short.steps[1].event
        #expect(played.ts.secondsSinceEpoch == 30)
        #expect(played.started.map { $0.seconds(until: played.ts) } == 600)
    }
}
