import Dispatch
import Synchronization

/// Plays a scenario into a journal as it happens, on a thread of its own, so a dashboard following
/// the journal watches the incident unfold while people add their own entries to it.
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
    let progress = Mutex(Progress())
    /// Signalled once, by `stop()`, to cut the wait for the next step short.
    let wakeUp = DispatchSemaphore(value: 0)
    /// Held while playback runs, so `stop()` can wait for an append in progress to finish.
    let running = DispatchGroup()

    enum Phase { case ready, playing, stopping, finished }

    struct Progress {
        var phase = Phase.ready
        var playedSteps = 0
        var failure: JournalError?
        var onError: (@Sendable (JournalError) -> Void)?
    }

    /// `clock` gives the `ts` of each event written; waits between steps use the monotonic clock.
    public init(scenario: DemoScenario, store: any JournalStore, speed: Double = 1,
                clock: @escaping @Sendable () -> Timestamp = { .now() }) {
        precondition(speed > 0 && speed.isFinite, "a scenario's speed must be a positive number, not \(speed)")
        self.scenario = scenario
        self.store = store
        self.speed = speed
        self.clock = clock
    }

    /// Called once, on the player's thread, when an append fails; playback has ended by then.
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
        let starts = progress.withLock { progress in
            guard progress.phase == .ready else { return false }
            progress.phase = .playing
            running.enter()  // under the lock, so no stop() can slip in before it and not wait
            return true
        }
        guard starts else { return }
        DispatchQueue(label: "sitrep.demo-player").async { self.play() }
    }

    /// Ends playback and returns once the player has stopped writing: at once when it is waiting
    /// for the next step, or after the one append in progress. Safe to call any number of times,
    /// from any thread, before or after `start()`.
    public func stop() {
        let (wakes, waits) = progress.withLock { progress -> (Bool, Bool) in
            switch progress.phase {
            case .ready:
                progress.phase = .finished
                return (false, false)
            case .playing:
                progress.phase = .stopping
                return (true, true)
            case .stopping:
                return (false, true)  // another stop() already woke it
            case .finished:
                return (false, false)
            }
        }
        if wakes { wakeUp.signal() }
        if waits { running.wait() }
    }
}
