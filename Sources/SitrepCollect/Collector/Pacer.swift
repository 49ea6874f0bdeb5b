/// Keeps a loop on a fixed beat: a check every 5 s stays every 5 s however long each one takes,
/// and one that overruns starts the next at once instead of bursting to catch up.
struct Pacer {
    let interval: Duration
    private let clock = ContinuousClock()
    private var next: ContinuousClock.Instant

    init(interval: Duration) {
        self.interval = interval
        next = clock.now
    }

    /// Sleeps until the next beat; false when the task was cancelled.
    mutating func waitForNextBeat() async -> Bool {
        next = next.advanced(by: interval)
        if next < clock.now { next = clock.now }
        do {
            try await Task.sleep(until: next, clock: clock)
        } catch {
            return false
        }
        return !Task.isCancelled
    }
}
