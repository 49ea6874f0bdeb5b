import Dispatch

extension ScenarioPlayer {
    /// The player's thread. `onError` is called last, once the phase is `finished`, so a `stop()`
    /// made from inside it returns at once instead of waiting for this thread to end.
    func play() {
        let failure = playSteps()
        let onError = progress.withLock { progress in
            progress.phase = .finished
            progress.failure = failure
            return progress.onError
        }
        running.leave()
        if let failure { onError?(failure) }
    }

    /// Writes every step at its time, until the end, a `stop()` or a failed append (returned).
    private func playSteps() -> JournalError? {
        let begin = DispatchTime.now()
        var lastStamp = Timestamp(microseconds: .min)
        for step in scenario.steps {
            guard waitUntil(begin + step.offset / speed) else { return nil }
            // The wall clock can be set back while the demo runs; the journal's times must not follow it.
            let now = Swift.max(clock(), lastStamp)
            lastStamp = now
            do throws(JournalError) {
                try store.append(step.event(playedAt: now, speed: speed))
            } catch {
                return error
            }
            progress.withLock { $0.playedSteps += 1 }
        }
        return nil
    }

    /// Sleeps until `deadline` unless `stop()` comes first; true when playback should go on.
    private func waitUntil(_ deadline: DispatchTime) -> Bool {
        if DispatchTime.now() < deadline { _ = wakeUp.wait(timeout: deadline) }
        return progress.withLock { $0.phase == .playing }
    }
}
