import IncidentCore

/// A theme that could not be used, said so the user can fix it without reading our code:
/// `themes/light.toml: styles.healthDown.fg: unknown colour "reed"`.
public struct ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file as the user would find it (the path we opened).
    public var file: String
    /// The dotted key inside the file, nil when the problem is the file as a whole.
    public var key: String?
    public var problem: String

    public init(file: String, key: String? = nil, problem: String) {
        self.file = file
        self.key = key
        self.problem = problem
    }

    /// Escaped, since it quotes the file's own text and ends up on a terminal.
    public var description: String {
        if let key { return SafeText.escape("\(file): \(key): \(problem)") }
        return SafeText.escape("\(file): \(problem)")
    }
}

/// A theme asked for by name that is in none of the places searched.
public struct ThemeNotFoundError: Error, Equatable, Sendable, CustomStringConvertible {
    public var name: String
    /// Every file path tried, in order.
    public var searched: [String]

    public var description: String {
        let places = searched.isEmpty ? "nowhere to look" : searched.joined(separator: ", ")
        return SafeText.escape("theme \"\(name)\" not found; looked for: \(places)")
    }
}
