import IncidentCore
import NIOCore

extension ScenarioPlayer {
    /// Sets the timer of `step`, or ends playback when every step is written. Called under the lock.
    func schedule(step: Int, in progress: inout Progress) {
        guard step < scenario.steps.count else {
            progress.phase = .finished
            return
        }
        // Clamped: a scenario step days away at a slow speed would trap converting to Int64.
        let nanoseconds = min(scenario.steps[step].offset / speed * 1e9, Double(Int64.max / 2))
        let offset = TimeAmount.nanoseconds(Int64(max(0, nanoseconds)))
        progress.nextStep = loop.scheduleTask(deadline: progress.began + offset) { [self] in
            stepIsDue(step)
        }
    }

    /// On the event loop: hands the step's append to the thread pool, unless `stop()` came first.
    private func stepIsDue(_ step: Int) {
        let goesOn = progress.withLock { progress -> Bool in
            guard progress.phase == .playing else { return false }
            progress.nextStep = nil
            progress.appending = true
            return true
        }
        guard goesOn else { return }
        appends.submit { [self] _ in
            // Run even when the pool is shutting down: `stop()` may be waiting for this append's end.
            append(step)
        }
    }

    /// On the thread pool: writes the step, then sets the next timer or ends playback.
    /// `onError` is called last, once the phase is `finished`, so a `stop()` made from inside it
    /// returns at once.
    private func append(_ step: Int) {
        // The wall clock can be set back while the demo runs; the journal's times must not follow it.
        let stamp = progress.withLock { progress in
            progress.lastStamp = Swift.max(clock(), progress.lastStamp)
            return progress.lastStamp
        }
        var failure: JournalError?
        do throws(JournalError) {
            try store.append(scenario.steps[step].event(playedAt: stamp, speed: speed))
        } catch {
            failure = error
        }
        let onError = progress.withLock { progress -> (@Sendable (JournalError) -> Void)? in
            progress.appending = false
            if let failure {
                progress.phase = .finished
                progress.failure = failure
                return progress.onError
            }
            progress.playedSteps += 1
            if progress.phase == .stopping {
                progress.phase = .finished
            } else {
                schedule(step: step + 1, in: &progress)
            }
            return nil
        }
        if let failure { onError?(failure) }
    }
}
