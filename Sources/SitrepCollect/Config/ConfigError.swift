import IncidentCore

/// A config the collector cannot run with, said so the user can go straight to the line:
/// `collect.toml:14: [[pool]] "app": in_use: expected a metric selector such as ...`.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based, when the place could be found in the text.
    public var line: Int?
    public var problem: String

    public init(file: String, line: Int? = nil, problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return SafeText.escape("\(place): \(problem)")
    }
}
