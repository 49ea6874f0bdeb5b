/// Plays a scenario into a journal as it happens, in a task of its own, so a dashboard following
/// the journal watches the incident unfold while people add their own entries to it.
///
/// Each event is written with `ts` set to the moment it is written, so elapsed times on screen are
/// real. Playback stops at the first append that fails: the error goes to `onError` and stays in
/// `failure`. While playing, the player keeps itself alive; `stop()` ends it early.
public final class ScenarioPlayer: Sendable {
    /// Writes one event to the journal. An append blocks (lock, write, fsync), so a program with a
    /// thread pool for blocking work runs it there rather than on the task's own thread.
    public typealias Append = @Sendable (Event) async throws(JournalError) -> Void

    public let scenario: DemoScenario
    /// How many times faster than the scenario's own time it is played: 2 halves every wait.
    public let speed: Double
    let append: Append
    let clock: @Sendable () -> Timestamp
    /// A lock that can be waited on: `stop()` blocks until an append in progress has finished.
    let progress = ConditionLock(Progress())

    enum Phase { case ready, playing, stopping, finished }

    struct Progress: Sendable {
        var phase = Phase.ready
        /// An append has begun and not yet returned; `stop()` waits for it.
        var appending = false
        var playedSteps = 0
        var failure: JournalError?
        var onError: (@Sendable (JournalError) -> Void)?
        var task: Task<Void, Never>?
    }

    /// `clock` gives the `ts` of each event written; waits between steps use the monotonic clock.
    public init(scenario: DemoScenario, speed: Double = 1, clock: @escaping @Sendable () -> Timestamp = { .now() },
                append: @escaping Append) {
        precondition(speed > 0 && speed.isFinite, "a scenario's speed must be a positive number, not \(speed)")
        self.scenario = scenario
        self.speed = speed
        self.clock = clock
        self.append = append
    }

    /// Appends to `store` on the player's own task, blocking a thread of the cooperative pool for
    /// each append: fine for a test or a tool; `sitrep demo` passes an `append` on NIO's thread pool.
    public convenience init(scenario: DemoScenario, store: any JournalStore, speed: Double = 1,
                            clock: @escaping @Sendable () -> Timestamp = { .now() }) {
        self.init(scenario: scenario, speed: speed, clock: clock) { event async throws(JournalError) in
            _ = try store.append(event)
        }
    }

    /// Called once, on the player's task, when an append fails; playback has ended by then.
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
            progress.task = Task { await self.play() }
        }
    }

    /// Ends playback and returns once the player has stopped writing: at once when it is waiting
    /// for the next step, or after the one append in progress. Safe to call any number of times,
    /// from any thread or from `onError`, before or after `start()`. It blocks the calling thread
    /// while an append finishes, so call it from a thread that is not in the cooperative pool
    /// unless `append` never suspends.
    public func stop() {
        let (task, waits) = progress.withLock { progress -> (Task<Void, Never>?, Bool) in
            switch progress.phase {
            case .ready:
                progress.phase = .finished
                return (nil, false)
            case .playing where progress.appending:
                progress.phase = .stopping  // the append's end finishes it
                return (progress.task, true)
            case .playing:
                progress.phase = .finished
                return (progress.task, false)
            case .stopping:
                return (nil, true)  // another stop() is already waiting
            case .finished:
                return (nil, false)
            }
        }
        if waits { progress.wait(until: { $0.phase == .finished }) }
        // Cancelled only now, once no append is in progress: cancelling one could leave it unsure
        // whether it ran. Cancellation cuts the wait for the next step short.
        task?.cancel()
    }
}
