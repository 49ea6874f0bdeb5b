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
    /// Every mode hands a key here first. A resize redraws; while the `?` overlay shows or an
    /// entry is open, keys scroll or close it; while a prompt is open, keys type into it.
    mutating func handleFirst(_ key: Key) -> PaneKeyOutcome {
        if key == .resize { return .done(.redraw) }
        if ui.showingHelp { return .done(handleHelpKey(key)) }
        if ui.detail != nil { return .done(handleDetailKey(key)) }
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

    /// Information in the footer fades at the next key a mode takes; an error stays until Esc.
    mutating func dismissInformation(onKey key: Key) {
        if key != .resize, ui.message?.isError == false { ui.message = nil }
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
        case .enter: openDetail()
        case .character("z"): ui.zoomed.toggle()
        case .tab: ui.focus = Pane(rawValue: (ui.focus.rawValue + 1) % Pane.allCases.count)!
        case .backTab: ui.focus = Pane(rawValue: (ui.focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!
        default:
            return move(key, in: state) ? .redraw : .none
        }
        return .redraw
    }

    /// In the `?` overlay: only Esc or `?` closes it (a stray key must not hide what was being
    /// read), the moving keys scroll it, q still quits.
    private mutating func handleHelpKey(_ key: Key) -> Reaction {
        if key == .escape || key == .character("?") {
            ui.showingHelp = false
            ui.helpScroll = 0
            return .redraw
        }
        return Self.scrollOverlay(&ui.helpScroll, by: key, page: ui.helpPageRows)
    }

    /// In the detail view: Esc closes it, the moving keys scroll its text, q still quits.
    private mutating func handleDetailKey(_ key: Key) -> Reaction {
        guard var detail = ui.detail else { return .none }
        if key == .escape {
            ui.detail = nil
            return .redraw
        }
        let reaction = Self.scrollOverlay(&detail.scroll, by: key, page: detail.pageRows)
        ui.detail = detail
        return reaction
    }

    /// The keys of a box over the panes: arrows, vi keys and paging scroll it (the next layout
    /// keeps the offset within its text), q and Ctrl-C quit, Ctrl-L repaints; the rest do nothing.
    private static func scrollOverlay(_ scroll: inout Int, by key: Key, page rows: Int) -> Reaction {
        let page = max(1, rows - 1)
        switch key {
        case .character("q"), .ctrlC: return Reaction(quit: true)
        case .ctrlL: return Reaction(redraw: true, fullRepaint: true)
        case .up, .character("k"): scroll = max(0, scroll - 1)
        case .down, .character("j"): scroll += 1
        case .pageUp: scroll = max(0, scroll - page)
        case .pageDown: scroll += page
        case .home, .character("g"): scroll = 0
        case .end, .character("G"): scroll = Int.max / 2
        default: return .none
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
