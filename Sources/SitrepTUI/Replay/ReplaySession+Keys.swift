import IncidentCore

/// `t` in replay: a moment to jump to.
struct SeekPrompt: PromptPurpose {
    var label: String { "jump to (HH:MM, HH:MM:SS or RFC 3339)" }
}

extension ReplaySession {
    /// Takes one key. The panes take it first (overlay, prompt, filter); then replay's own keys,
    /// which move the clock; keys that would record are refused; the rest move through the panes.
    @discardableResult
    public func handle(_ key: Key) -> Reaction {
        switch panes.handleFirst(key) {
        case .done(let reaction): return reaction
        case .submit(let prompt):
            submitSeek(prompt)
            return .redraw
        case .passed: break
        }
        if handleClockKey(key) {
            refresh()
            return .redraw
        }
        panes.dismissInformation(onKey: key)
        if KeyReference.recordingKeys.contains(key) {
            panes.show("replay is read-only: nothing can be recorded here", error: false)
            return .redraw
        }
        return panes.handleNavigationKey(key, of: state)
    }

    /// Play, pause, speed, stepping and seeking; false for any other key.
    private func handleClockKey(_ key: Key) -> Bool {
        switch key {
        case .character(" "): clock.isPlaying.toggle()
        case .character("+"), .character("="): clock.changeSpeed(faster: true)
        case .character("-"): clock.changeSpeed(faster: false)
        case .right: step { $0.nextEventTime(after: clock.time) }
        case .left: step { $0.previousEventTime(before: clock.time) }
        case .character("]"): step { $0.humanEventTime(from: clock.time, forward: true) }
        case .character("["): step { $0.humanEventTime(from: clock.time, forward: false) }
        case .character("g"), .home: step { $0.start }
        case .character("G"), .end: step { $0.end }
        case .character("t"): panes.ui.prompt = Prompt(purpose: SeekPrompt())
        default: return false
        }
        return true
    }

    /// Moves the clock to the moment `target` finds in the recording, if it finds one.
    private func step(_ target: (ReplayRecording) -> Timestamp?) {
        guard let recording else { return panes.show(stillReading, error: false) }
        guard let moment = target(recording) else { return }
        clock.jump(to: moment)
    }

    /// Enter in the jump-to prompt: nothing typed closes it; a time that does not read keeps it open.
    private func submitSeek(_ prompt: Prompt) {
        guard !prompt.editor.isBlank else {
            panes.ui.prompt = nil
            return
        }
        if let problem = seek(typed: prompt.editor.text) { return panes.show(problem, error: true) }
        panes.ui.prompt = nil
    }
}
