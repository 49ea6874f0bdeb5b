/// A named look for every `StyleRole`: loaded from a theme file, or the built-in `mono`.
public struct Theme: Equatable, Sendable {
    public var name: String
    /// The file's `[palette]`: colour names the styles refer to.
    public var palette: [String: Color]
    /// The roles the theme defines. A role it leaves out is drawn as `Theme.mono` draws it, so a
    /// theme written before a role existed still shows that role legibly.
    public var styles: [StyleRole: Style]

    public init(name: String, palette: [String: Color] = [:], styles: [StyleRole: Style]) {
        self.name = name
        self.palette = palette
        self.styles = styles
    }

    public func style(for role: StyleRole) -> Style {
        styles[role] ?? Theme.mono.styles[role] ?? .plain
    }

    /// Roles this theme leaves to the fallback.
    public var missingRoles: [StyleRole] {
        StyleRole.allCases.filter { styles[$0] == nil }
    }
}
