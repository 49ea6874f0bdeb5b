extension ScenarioPlayer {
    /// The player's task. `onError` is called last, once the phase is `finished`, so a `stop()`
    /// made from inside it returns at once.
    func play() async {
        let failure = await playSteps()
        let onError = progress.withLock { progress in
            progress.phase = .finished
            progress.failure = failure
            progress.task = nil
            return progress.onError
        }
        if let failure { onError?(failure) }
    }

    /// Writes every step at its time, until the end, a `stop()` or a failed append (returned).
    private func playSteps() async -> JournalError? {
        let monotonic = ContinuousClock()
        let begin = monotonic.now
        var lastStamp = Timestamp(microseconds: .min)
        for step in scenario.steps {
            do {
                try await Task.sleep(until: begin + .seconds(step.offset / speed), clock: monotonic)
            } catch {
                return nil  // cancelled: stop() has finished playback
            }
            guard beginAppend() else { return nil }
            // The wall clock can be set back while the demo runs; the journal's times must not follow it.
            let now = Swift.max(clock(), lastStamp)
            lastStamp = now
            do throws(JournalError) {
                try await append(step.event(playedAt: now, speed: speed))
            } catch {
                progress.withLock { $0.appending = false }
                return error
            }
            endAppend()
        }
        return nil
    }

    /// True when playback goes on; from here until `endAppend`, a `stop()` waits.
    private func beginAppend() -> Bool {
        progress.withLock { progress in
            guard progress.phase == .playing else { return false }
            progress.appending = true
            return true
        }
    }

    /// Counts the step, and finishes playback if a `stop()` is waiting for this append.
    private func endAppend() {
        progress.withLock { progress in
            progress.appending = false
            progress.playedSteps += 1
            if progress.phase == .stopping { progress.phase = .finished }
        }
    }
}
