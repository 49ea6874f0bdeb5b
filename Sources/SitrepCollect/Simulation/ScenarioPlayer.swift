import IncidentCore
import NIOCore
import NIOPosix

/// Plays a scenario into a journal as it happens, so a dashboard following the journal watches the
/// incident unfold while people add their own entries to it.
///
/// It follows the concurrency model of docs/architecture.md: the wait for each step is a timer on
/// NIO's shared event loops, and each append runs on NIO's shared thread pool, because an `fsync`
/// may block. Nothing of it runs on the cooperative pool, whose few threads a caller may be blocking.
///
/// Each event is written with `ts` set to the moment it is written, so elapsed times on screen are
/// real. Playback stops at the first append that fails: the error goes to `onError` and stays in
/// `failure`. While playing, the player keeps itself alive; `stop()` ends it early.
public final class ScenarioPlayer: Sendable {
    public let scenario: DemoScenario
    public let store: any JournalStore
    /// How many times faster than the scenario's own time it is played: 2 halves every wait.
    public let speed: Double
    let clock: @Sendable () -> Timestamp
    let loop: any EventLoop
    let appends: NIOThreadPool
    /// Playback's state; `stop()` waits on it for an append in progress to end.
    let progress = ConditionLock(Progress())

    enum Phase: Equatable { case ready, playing, stopping, finished }

    struct Progress: Sendable {
        var phase = Phase.ready
        var playedSteps = 0
        var failure: JournalError?
        var onError: (@Sendable (JournalError) -> Void)?
        /// The timer of the next step, while the player waits for it.
        var nextStep: Scheduled<Void>?
        /// True from the moment a step's timer fires until its append has returned.
        var appending = false
        var began = NIODeadline.now()
        var lastStamp = Timestamp(microseconds: .min)
    }

    /// `clock` gives the `ts` of each event written; waits between steps use the monotonic clock.
    public init(scenario: DemoScenario, store: any JournalStore, speed: Double = 1,
                clock: @escaping @Sendable () -> Timestamp = { .now() }) {
        precondition(speed > 0 && speed.isFinite, "a scenario's speed must be a positive number, not \(speed)")
        self.scenario = scenario
        self.store = store
        self.speed = speed
        self.clock = clock
        self.loop = MultiThreadedEventLoopGroup.singleton.next()
        self.appends = NIOThreadPool.singleton
    }

    /// Called once, on a thread of NIO's pool, when an append fails; playback has ended by then.
    public var onError: (@Sendable (JournalError) -> Void)? {
        get { progress.withLock { $0.onError } }
        set { progress.withLock { $0.onError = newValue } }
    }

    /// The append failure that ended playback, if one did.
    public var failure: JournalError? { progress.withLock { $0.failure } }

    /// Steps written so far.
    public var playedSteps: Int { progress.withLock { $0.playedSteps } }

    /// True once playback is over: every step written, stopped, or ended by a failed append.
    public var isFinished: Bool { progress.withLock { $0.phase == .finished } }

    /// Starts playing from the scenario's first step. Does nothing if already started or stopped.
    public func start() {
        progress.withLock { progress in
            guard progress.phase == .ready else { return }
            progress.phase = .playing
            progress.began = .now()
            schedule(step: 0, in: &progress)
        }
    }

    /// Ends playback and returns once the player has stopped writing: at once when it is waiting
    /// for the next step, or after the one append in progress. Safe to call any number of times,
    /// from any thread, before or after `start()`, and from `onError`.
    public func stop() {
        let waits = progress.withLock { progress -> Bool in
            switch progress.phase {
            case .ready:
                progress.phase = .finished
                return false
            case .playing where progress.appending:
                progress.phase = .stopping  // the append's end finishes playback
                return true
            case .playing:
                progress.nextStep?.cancel()  // a timer already firing sees the phase and does nothing
                progress.nextStep = nil
                progress.phase = .finished
                return false
            case .stopping:
                return true
            case .finished:
                return false
            }
        }
        if waits { progress.wait { $0.phase == .finished } }
    }
}
