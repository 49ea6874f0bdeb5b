import IncidentCore

extension DashboardController {
    /// Takes one key. The panes take it first (overlay, prompt, filter); then an open picker;
    /// then the keys that record; then the keys every mode moves with.
    @discardableResult
    public func handle(_ key: Key) -> Reaction {
        switch panes.handleFirst(key) {
        case .done(let reaction): return reaction
        case .submit(let prompt):
            submit(prompt)
            return .redraw
        case .passed: break
        }
        if ui.picker != nil { return handlePickerKey(key) }
        return handleNormalKey(key)
    }

    private func handleNormalKey(_ key: Key) -> Reaction {
        panes.dismissInformation(onKey: key)
        switch key {
        case .character("n"): panes.ui.prompt = Prompt(.note)
        case .character("e"): panes.ui.prompt = Prompt(.escalationTarget)
        case .character("m"): panes.ui.prompt = Prompt(.mitigation)
        case .character("c"): panes.ui.prompt = Prompt(.cause)
        case .character("t"): panes.ui.prompt = Prompt(.task)
        case .character("s"): panes.ui.picker = .status(current: state.status)
        case .character("v"): panes.ui.picker = .severity(current: state.severity)
        case .character("a"): startAmendment()
        case .character("D"): startDeclaration()
        default: return panes.handleNavigationKey(key, of: state)
        }
        return .redraw
    }

    /// A second declaration would silently retitle the incident, so the key says what is
    /// declared and how to change it instead.
    private func startDeclaration() {
        guard state.milestones.declared != nil else { return panes.ui.prompt = Prompt(.declarationTitle) }
        let title = state.title.map { "\"\($0)\"" } ?? "an untitled incident"
        let severity = state.severity.map { " (\($0))" } ?? ""
        show("already declared: \(title)\(severity). v changes the severity; "
             + "sitrep declare TITLE --severity SEV1 --redeclare replaces the title", error: false)
    }

    private func startAmendment() {
        guard entries.count > 0 else { return show("nothing to amend yet", error: false) }
        let entry = entries[ui.selectedEntry ?? entries.count - 1]
        guard let id = entry.id else {
            return show("this entry has no id to amend (a derived marker, or written by another tool)", error: false)
        }
        panes.ui.prompt = Prompt(.amend(id: id), text: entry.text)
    }

    // MARK: Prompt and picker

    private func handlePickerKey(_ key: Key) -> Reaction {
        guard var picker = ui.picker else { return .none }
        switch key {
        case .escape, .ctrlC: panes.ui.picker = nil
        case .enter:
            let choice = picker.options[picker.selected]
            if case .declaration(let title) = picker.purpose {
                panes.ui.picker = nil
                panes.ui.prompt = Prompt(.declarationImpact(title: title, severity: choice))
                return .redraw
            }
            let kind: EventKind = picker.purpose == .status ? .status : .severity
            let event = EntryComposer.event(kind, text: "", actor: settings.actor, at: clock()) { event in
                event.text = nil
                if picker.purpose == .status { event.state = choice } else { event.severity = choice }
            }
            if record(event) { panes.ui.picker = nil }
        default:
            guard picker.handle(key) else { return .none }
            panes.ui.picker = picker
        }
        return .redraw
    }

    /// Enter in a prompt. An empty entry records nothing; a failed append keeps the text.
    private func submit(_ prompt: Prompt) {
        guard let kind = prompt.kind else { return }
        let typed = prompt.editor.text
        if case .declarationImpact(let title, let severity) = kind {
            return declare(title: title, severity: severity, impact: typed)
        }
        guard !prompt.editor.isBlank else {
            panes.ui.prompt = nil
            return show("nothing recorded (empty)", error: false)
        }
        let (actor, text) = EntryComposer.speaker(in: typed, default: settings.actor)
        let now = clock()
        let event: Event
        switch kind {
        case .note: event = EntryComposer.event(.note, text: text, actor: actor, at: now)
        case .cause: event = EntryComposer.event(.cause, text: text, actor: actor, at: now)
        case .task: event = EntryComposer.event(.task, text: text, actor: actor, at: now)
        case .mitigation:
            event = EntryComposer.event(.mitigation, text: text, actor: actor, at: now) { $0.state = "applied" }
        case .amend(let id):
            event = EntryComposer.event(.amend, text: text, actor: actor, at: now) { $0.ref = id }
        case .escalationTarget:
            panes.ui.prompt = Prompt(.escalationReason(to: typed))
            return
        case .escalationReason(let to):
            let target = EntryComposer.speaker(in: to, default: actor)
            event = EntryComposer.event(.escalation, text: text, actor: target.actor, at: now) { $0.to = target.text }
        case .declarationTitle:
            panes.ui.prompt = nil
            panes.ui.picker = .severity(current: nil, purpose: .declaration(title: typed))
            return
        case .declarationImpact:
            return  // recorded above: its text may be empty
        }
        if record(event) { panes.ui.prompt = nil }
    }

    /// The last step of the declare key. The impact may be left empty; the title may name the
    /// declarer (`@alice Checkout down`), as any entry may.
    private func declare(title typed: String, severity: String, impact: String) {
        let (actor, title) = EntryComposer.speaker(in: typed, default: settings.actor)
        // Another responder may have declared while this one typed; a second declaration would
        // silently retitle the incident, so the typed title is shown back instead.
        guard state.milestones.declared == nil else {
            panes.ui.prompt = nil
            let theirs = state.title.map { "\"\($0)\"" } ?? "an untitled incident"
            return show("NOT RECORDED: declared meanwhile as \(theirs). Yours was \"\(title)\" (\(severity)); "
                        + "sitrep declare TITLE --severity SEV --redeclare replaces it", error: true)
        }
        let trimmedImpact = impact.trimmingWhitespace()
        let event = EntryComposer.event(.declare, text: "", actor: actor, at: clock()) { event in
            event.text = nil
            event.title = title
            event.severity = severity
            if !trimmedImpact.isEmpty { event.impact = trimmedImpact }
        }
        if record(event) { panes.ui.prompt = nil }
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
