/// The bottom row: a prompt being typed, a picker, a message, or the key hints.
struct FooterView {
    let ui: DashboardUIState
    let hints: [(key: String, action: String)]

    /// Two rows when an error must stay in view above the prompt that kept the typed text.
    static func rows(for ui: DashboardUIState) -> Int {
        (ui.prompt != nil || ui.picker != nil) && ui.message?.isError == true ? 2 : 1
    }

    func draw(in area: Rect, on screen: inout Screen) {
        guard area.height > 0 else { return }
        screen.fill(area, style: .footer)
        var y = area.y
        if area.height > 1, let message = ui.message {
            screen.put(" " + message.text, x: area.x, y: y, style: .error, maxWidth: area.width)
            y += 1
        }
        if let prompt = ui.prompt {
            drawPrompt(prompt, y: y, in: area, on: &screen)
        } else if let picker = ui.picker {
            drawPicker(picker, y: y, in: area, on: &screen)
        } else if let message = ui.message {
            let suffix = message.isError ? "  (Esc to dismiss)" : ""
            screen.put(" " + message.text + suffix, x: area.x, y: y, style: message.isError ? .error : .message,
                       maxWidth: area.width)
        } else {
            drawHints(y: y, in: area, on: &screen)
        }
    }

    private func drawPrompt(_ prompt: Prompt, y: Int, in area: Rect, on screen: inout Screen) {
        var x = area.x
        x += screen.put(" \(prompt.label)› ", x: x, y: y, style: .prompt)
        let editor = prompt.editor
        // Keep the cursor in view on a long entry: show the end of the text that leads up to it.
        let room = max(1, area.maxX - x - 1)
        var before = String(editor.characters[..<editor.cursor])
        while DisplayWidth.columns(of: before) >= room, !before.isEmpty { before.removeFirst() }
        x += screen.put(before, x: x, y: y, style: .footer)
        let under = editor.cursor < editor.characters.count ? String(editor.characters[editor.cursor]) : " "
        x += screen.put(under, x: x, y: y, style: .selection)
        let after = editor.cursor + 1 < editor.characters.count ? String(editor.characters[(editor.cursor + 1)...]) : ""
        screen.put(after, x: x, y: y, style: .footer, maxWidth: max(0, area.maxX - x))
    }

    private func drawPicker(_ picker: Picker, y: Int, in area: Rect, on screen: inout Screen) {
        var x = area.x
        x += screen.put(" \(picker.label)› ", x: x, y: y, style: .prompt)
        for (index, option) in picker.options.enumerated() {
            x += screen.put(" \(option) ", x: x, y: y, style: index == picker.selected ? .selection : .footer)
        }
        let choosing = picker.purpose == .status ? "←→ or first letter" : "←→ or the SEV digit"
        let enter: String
        if case .declaration = picker.purpose { enter = "Enter goes on to the impact" } else { enter = "Enter records" }
        screen.put("   \(choosing), \(enter), Esc cancels", x: x, y: y, style: .dim,
                   maxWidth: max(0, area.maxX - x))
    }

    private func drawHints(y: Int, in area: Rect, on screen: inout Screen) {
        var x = area.x + 1
        for hint in Self.fitting(hints, into: area.width - 1) {
            x += screen.put(hint.key, x: x, y: y, style: .footerKey)
            x += screen.put(" " + hint.action + " ", x: x, y: y, style: .footer)
        }
    }

    /// The hints that fit in `columns`, in their order. Help and quit are the last to go: on a
    /// narrow terminal they are what a newcomer needs to find everything else, and to leave.
    static func fitting(_ hints: [(key: String, action: String)], into columns: Int) -> [(key: String, action: String)] {
        func width(_ hint: (key: String, action: String)) -> Int {
            DisplayWidth.columns(of: hint.key) + DisplayWidth.columns(of: hint.action) + 2
        }
        let isKept = { (hint: (key: String, action: String)) in hint.key == "?" || hint.key == "q" }
        var used = hints.filter(isKept).reduce(0) { $0 + width($1) }
        let keepsLast = used <= columns
        if !keepsLast { used = 0 }
        var full = false
        return hints.filter { hint in
            if isKept(hint) && keepsLast { return true }
            // The first hint that does not fit ends the others, so none is shown out of its turn.
            full = full || used + width(hint) > columns
            if full { return false }
            used += width(hint)
            return true
        }
    }
}
