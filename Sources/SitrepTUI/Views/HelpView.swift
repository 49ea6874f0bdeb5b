/// The `?` overlay: every key, in one box over the panes. Taller than the screen, it scrolls, and
/// its title always says how to close it and how to quit.
struct HelpView {
    let sections: [HelpSection]
    let scroll: Int

    static let maximumWidth = 64
    static let keyColumn = 18

    enum Line: Equatable {
        case title(String)
        case key(String, String)
    }

    static func lines(of sections: [HelpSection]) -> [Line] {
        sections.flatMap { section in [.title(section.title)] + section.keys.map { .key($0.key, $0.action) } }
    }

    /// The box: centred, as tall as the keys need, no taller than `area`.
    static func box(of sections: [HelpSection], in area: Rect) -> Rect {
        let width = min(area.width, maximumWidth)
        let height = min(area.height, lines(of: sections).count + 2)
        return Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
    }

    static func textArea(of sections: [HelpSection], in area: Rect) -> Rect {
        box(of: sections, in: area).inset(by: 1)
    }

    static func maximumScroll(of sections: [HelpSection], in area: Rect) -> Int {
        max(0, lines(of: sections).count - textArea(of: sections, in: area).height)
    }

    func draw(in area: Rect, on screen: inout Screen) {
        let box = Self.box(of: sections, in: area)
        let inside = box.inset(by: 1)
        let lines = Self.lines(of: sections)
        let top = max(0, min(scroll, lines.count - inside.height))
        screen.fill(box, style: .normal)
        screen.drawBorder(box, title: "Keys — Esc or ? closes, q quits", titleStyle: .paneTitleFocused)
        for (row, line) in lines.dropFirst(top).prefix(inside.height).enumerated() {
            let y = inside.y + row
            switch line {
            case .title(let title):
                screen.put(title, x: inside.x, y: y, style: .title, maxWidth: inside.width)
            case .key(let key, let action):
                screen.put(key, x: inside.x + 1, y: y, style: .footerKey, maxWidth: Self.keyColumn - 2)
                screen.put(action, x: inside.x + Self.keyColumn, y: y, style: .normal,
                           maxWidth: max(0, inside.width - Self.keyColumn))
            }
        }
        guard lines.count > inside.height, box.height > 2 else { return }
        let more = "\(top > 0 ? "↑" : " ")\(top + inside.height < lines.count ? "↓" : " ") more: ↑↓ PgUp PgDn "
        screen.put(" " + more, x: box.x + 1, y: box.maxY - 1, style: .paneTitleFocused, maxWidth: box.width - 2)
    }
}
