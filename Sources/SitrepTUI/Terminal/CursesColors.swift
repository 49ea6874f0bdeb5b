import CNcursesw

/// The colour pairs and attributes ncurses draws each role with, for the current terminal.
struct CursesColors {
    struct Look {
        var attributes: attr_t
        var pair: Int16
    }

    let depth: ColorDepth
    private let looks: [StyleRole: Look]

    func look(for role: StyleRole) -> Look {
        looks[role] ?? Look(attributes: sitrep_a_normal(), pair: 0)
    }

    /// Starts colour if the terminal has any, defines the pairs `theme` needs and works out each
    /// role's attributes. Safe to call again for a new theme.
    static func start(theme: Theme) -> CursesColors {
        var depth = ColorDepth.none
        var defaultColors = false
        if has_colors() {
            start_color()
            defaultColors = use_default_colors() == sitrep_ok()
            depth = ColorDepth(terminalColors: Int(sitrep_colors()))
        }
        let plan = ColorPairPlan(
            theme: theme, depth: depth,
            maximumPairs: Int(sitrep_color_pairs()), defaultColors: defaultColors
        )
        for (offset, pair) in plan.pairs.enumerated() {
            init_pair(Int16(offset + 1), Int16(pair.foreground ?? -1), Int16(pair.background ?? -1))
        }
        let looks = plan.roles.mapValues { Look(attributes: attributes(of: $0.style), pair: Int16($0.pair)) }
        return CursesColors(depth: depth, looks: looks)
    }

    private static func attributes(of style: Style) -> attr_t {
        var attributes = sitrep_a_normal()
        if style.bold { attributes |= sitrep_a_bold() }
        if style.dim { attributes |= sitrep_a_dim() }
        if style.reverse { attributes |= sitrep_a_reverse() }
        if style.underline { attributes |= sitrep_a_underline() }
        return attributes
    }
}
