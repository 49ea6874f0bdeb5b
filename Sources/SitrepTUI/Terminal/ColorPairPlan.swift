/// Which ncurses colour pairs a theme needs at a terminal's colour depth, and which pair each
/// role uses. Pure arithmetic, so it is tested without a terminal; the backend feeds the result
/// to `init_pair`.
struct ColorPairPlan {
    /// A terminal colour index per side; nil is the terminal's default colour.
    struct Pair: Hashable {
        var foreground: Int?
        var background: Int?
    }

    /// Pair number `n` is `pairs[n - 1]`; pair 0 is ncurses' fixed default pair.
    private(set) var pairs: [Pair] = []
    /// The pair number of every role, and its style for the attributes.
    private(set) var roles: [StyleRole: RoleLook] = [:]

    struct RoleLook: Equatable {
        var pair: Int
        var style: Style
    }

    /// - `maximumPairs`: the terminal's COLOR_PAIRS; roles beyond it fall back to pair 0.
    /// - `defaultColors`: whether `use_default_colors` worked; without it "default" must be a
    ///   real colour, and white on black is what terminals start with.
    init(theme: Theme, depth: ColorDepth, maximumPairs: Int, defaultColors: Bool) {
        // A colour theme whose roles differ only in colour would show all roles alike without
        // colour; the mono theme is built so attributes alone tell them apart.
        let effective = depth == .none ? Theme.mono : theme
        var numbers: [Pair: Int] = [:]
        for role in StyleRole.allCases {
            let style = effective.style(for: role)
            let pair = Self.pair(for: style, depth: depth, defaultColors: defaultColors)
            var number = 0
            if pair != Pair(foreground: nil, background: nil) {
                if let known = numbers[pair] {
                    number = known
                } else if pairs.count + 1 < maximumPairs {
                    pairs.append(pair)
                    number = pairs.count
                    numbers[pair] = number
                }
            }
            roles[role] = RoleLook(pair: number, style: style)
        }
    }

    static func pair(for style: Style, depth: ColorDepth, defaultColors: Bool) -> Pair {
        var foreground = style.foreground.terminalIndex(at: depth)
        var background = style.background.terminalIndex(at: depth)
        if depth != .none && !defaultColors {
            foreground = foreground ?? 7
            background = background ?? 0
        }
        // A colour fitted down to black or white, on the terminal's own background, vanishes on
        // dark or on light terminals; the terminal's own foreground is readable on both.
        if background == nil, let index = foreground, style.foreground.isApproximated(at: depth),
           [0, 7, 15].contains(index) {
            foreground = nil
        }
        // Two theme colours can fall on the same basic colour on a terminal with few colours;
        // then the text would vanish, so the background gives way.
        if foreground != nil && foreground == background {
            background = defaultColors ? nil : (foreground == 0 ? 7 : 0)
        }
        return Pair(foreground: foreground, background: background)
    }
}
