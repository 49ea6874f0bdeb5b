import IncidentCore

extension DashboardController {
    /// Takes one key. The mode decides: help overlay, prompt, picker, or the panes.
    @discardableResult
    public func handle(_ key: Key) -> Reaction {
        if key == .resize { return .redraw }
        if ui.showingHelp {
            ui.showingHelp = false
            return .redraw
        }
        if ui.prompt != nil { return handlePromptKey(key) }
        if ui.picker != nil { return handlePickerKey(key) }
        return handleNormalKey(key)
    }

    private func handleNormalKey(_ key: Key) -> Reaction {
        if case .character = key, ui.message?.isError == false { ui.message = nil }
        if let reason = settings.readOnlyReason, Self.recordingKeys.contains(key) {
            show(reason, error: false)
            return .redraw
        }
        switch key {
        case .character("q"), .ctrlC: return Reaction(quit: true)
        case .escape:
            ui.message = nil
        case .ctrlL: return Reaction(redraw: true, fullRepaint: true)
        case .character("?"): ui.showingHelp = true
        case .character("n"): ui.prompt = Prompt(.note)
        case .character("e"): ui.prompt = Prompt(.escalationTarget)
        case .character("m"): ui.prompt = Prompt(.mitigation)
        case .character("c"): ui.prompt = Prompt(.cause)
        case .character("t"): ui.prompt = Prompt(.task)
        case .character("/"): ui.prompt = Prompt(.filter, text: ui.filter)
        case .character("s"): ui.picker = .status(current: state.status)
        case .character("v"): ui.picker = .severity(current: state.severity)
        case .character("a"): startAmendment()
        case .tab: ui.focus = Pane(rawValue: (ui.focus.rawValue + 1) % Pane.allCases.count)!
        case .backTab: ui.focus = Pane(rawValue: (ui.focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!
        default:
            return move(key) ? .redraw : .none
        }
        return .redraw
    }

    static let recordingKeys: Set<Key> = Set("nemcstva".map { Key.character($0) })

    /// Arrow, vi and paging keys move through the focused pane.
    private func move(_ key: Key) -> Bool {
        let step: Int
        switch key {
        case .up, .character("k"): step = -1
        case .down, .character("j"): step = 1
        case .pageUp: step = -max(1, ui.timelineRows - 1)
        case .pageDown: step = max(1, ui.timelineRows - 1)
        case .home, .character("g"): step = Int.min
        case .end, .character("G"): step = Int.max
        default: return false
        }
        switch ui.focus {
        case .health: ui.healthScroll = Self.scrolled(ui.healthScroll, by: step, count: state.services.count)
        case .pools: ui.poolScroll = Self.scrolled(ui.poolScroll, by: step, count: state.pools.count)
        case .timeline: moveSelection(by: step)
        }
        return true
    }

    private static func scrolled(_ offset: Int, by step: Int, count: Int) -> Int {
        if step == Int.min { return 0 }
        if step == Int.max { return max(0, count - 1) }
        return max(0, min(max(0, count - 1), offset + step))
    }

    /// Moving below the newest entry (or G) goes back to following new entries.
    private func moveSelection(by step: Int) {
        guard entries.count > 0 else { return }
        if step == Int.max { return select(nil) }
        if step == Int.min { return select(0) }
        let current = ui.selectedEntry ?? entries.count
        let target = current + step
        select(target >= entries.count ? nil : target)
    }

    private func startAmendment() {
        guard entries.count > 0 else { return show("nothing to amend yet", error: false) }
        let entry = entries[ui.selectedEntry ?? entries.count - 1]
        guard let id = entry.id else {
            return show("this entry has no id to amend (a derived marker, or written by another tool)", error: false)
        }
        ui.prompt = Prompt(.amend(id: id), text: entry.text)
    }

    // MARK: Prompt and picker

    private func handlePromptKey(_ key: Key) -> Reaction {
        guard var prompt = ui.prompt else { return .none }
        switch key {
        case .escape, .ctrlC:
            if prompt.kind == .filter { setFilter("") }
            ui.prompt = nil
            if ui.message?.isError == true { ui.message = nil }
        case .enter:
            submit(prompt)
        default:
            guard prompt.editor.handle(key) else { return .none }
            ui.prompt = prompt
            if prompt.kind == .filter { setFilter(prompt.editor.text) }
        }
        return .redraw
    }

    private func setFilter(_ text: String) {
        ui.filter = text
        select(nil)
        refreshEntries()
    }

    private func handlePickerKey(_ key: Key) -> Reaction {
        guard var picker = ui.picker else { return .none }
        switch key {
        case .escape, .ctrlC: ui.picker = nil
        case .enter:
            let choice = picker.options[picker.selected]
            let kind: EventKind = picker.purpose == .status ? .status : .severity
            let event = EntryComposer.event(kind, text: "", actor: settings.actor, at: clock()) { event in
                event.text = nil
                if picker.purpose == .status { event.state = choice } else { event.severity = choice }
            }
            if record(event) { ui.picker = nil }
        default:
            guard picker.handle(key) else { return .none }
            ui.picker = picker
        }
        return .redraw
    }

    /// Enter in a prompt. An empty entry records nothing; a failed append keeps the text.
    private func submit(_ prompt: Prompt) {
        let typed = prompt.editor.text
        if prompt.kind == .filter {
            ui.prompt = nil
            return
        }
        if prompt.kind == .seek, prompt.editor.isBlank {
            ui.prompt = nil
            return
        }
        guard !prompt.editor.isBlank else {
            ui.prompt = nil
            return show("nothing recorded (empty)", error: false)
        }
        let (actor, text) = EntryComposer.speaker(in: typed, default: settings.actor)
        let now = clock()
        let event: Event
        switch prompt.kind {
        case .note: event = EntryComposer.event(.note, text: text, actor: actor, at: now)
        case .cause: event = EntryComposer.event(.cause, text: text, actor: actor, at: now)
        case .task: event = EntryComposer.event(.task, text: text, actor: actor, at: now)
        case .mitigation:
            event = EntryComposer.event(.mitigation, text: text, actor: actor, at: now) { $0.state = "applied" }
        case .amend(let id):
            event = EntryComposer.event(.amend, text: text, actor: actor, at: now) { $0.ref = id }
        case .escalationTarget:
            ui.prompt = Prompt(.escalationReason(to: typed))
            return
        case .seek:
            if let problem = seekHandler?(typed) { return show(problem, error: true) }
            ui.prompt = nil
            return
        case .escalationReason(let to):
            let target = EntryComposer.speaker(in: to, default: actor)
            event = EntryComposer.event(.escalation, text: text, actor: target.actor, at: now) { $0.to = target.text }
        case .filter:
            return
        }
        if record(event) { ui.prompt = nil }
    }

    /// Appends; on failure the footer says why and the caller keeps what was typed.
    func record(_ event: Event) -> Bool {
        do {
            try store.append(event)
            show("recorded \(event.kind.name) as \(event.actor ?? settings.actor)", error: false)
            return true
        } catch {
            show("NOT RECORDED: \(error.description). Enter retries, Esc discards.", error: true)
            return false
        }
    }
}
