import IncidentCore

/// What the panes made of a key a mode handed them first.
enum PaneKeyOutcome {
    /// Taken: the overlay closed, the prompt edited or cancelled, the filter applied.
    case done(Reaction)
    /// Enter in a prompt of the mode's own: the mode acts on what was typed.
    case submit(Prompt)
    /// Not theirs: the mode's own keys come next, then `handleNavigationKey`.
    case passed
}

extension PaneBrowser {
    /// Every mode hands a key here first. A resize redraws; while the `?` overlay shows, any key
    /// closes it; while a prompt is open, keys type into it.
    mutating func handleFirst(_ key: Key) -> PaneKeyOutcome {
        if key == .resize { return .done(.redraw) }
        if ui.showingHelp {
            ui.showingHelp = false
            return .done(.redraw)
        }
        guard var prompt = ui.prompt else { return .passed }
        switch key {
        case .escape, .ctrlC:
            if prompt.isFilter { setFilter("") }
            ui.prompt = nil
            if ui.message?.isError == true { ui.message = nil }
        case .enter:
            guard prompt.isFilter else { return .submit(prompt) }
            ui.prompt = nil
        default:
            guard prompt.editor.handle(key) else { return .done(.none) }
            ui.prompt = prompt
            if prompt.isFilter { setFilter(prompt.editor.text) }
        }
        return .done(.redraw)
    }

    /// Information in the footer fades at the next letter a mode takes; an error stays until Esc.
    mutating func dismissInformation(onKey key: Key) {
        if case .character = key, ui.message?.isError == false { ui.message = nil }
    }

    /// The keys every mode reads the same once its own had their turn: quit, Esc, repaint, help,
    /// filter, focus, and moving through the focused pane.
    mutating func handleNavigationKey(_ key: Key, of state: IncidentState) -> Reaction {
        switch key {
        case .character("q"), .ctrlC: return Reaction(quit: true)
        case .escape: ui.message = nil
        case .ctrlL: return Reaction(redraw: true, fullRepaint: true)
        case .character("?"): ui.showingHelp = true
        case .character("/"): ui.prompt = Prompt(purpose: FilterPrompt(), text: ui.filter)
        case .tab: ui.focus = Pane(rawValue: (ui.focus.rawValue + 1) % Pane.allCases.count)!
        case .backTab: ui.focus = Pane(rawValue: (ui.focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!
        default:
            return move(key, in: state) ? .redraw : .none
        }
        return .redraw
    }

    /// Arrow, vi and paging keys move through the focused pane.
    private mutating func move(_ key: Key, in state: IncidentState) -> Bool {
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
    private mutating func moveSelection(by step: Int) {
        guard entries.count > 0 else { return }
        if step == Int.max { return select(nil) }
        if step == Int.min { return select(0) }
        let current = ui.selectedEntry ?? entries.count
        let target = current + step
        select(target >= entries.count ? nil : target)
    }
}
