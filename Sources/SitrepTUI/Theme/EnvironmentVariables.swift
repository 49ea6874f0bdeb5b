#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Read access to environment variables, so theme selection can be tested with made-up ones.
public struct EnvironmentVariables: Sendable {
    private let lookup: @Sendable (String) -> String?

    public init(_ values: [String: String]) {
        lookup = { values[$0] }
    }

    /// The process's real environment.
    public static let process = EnvironmentVariables(lookup: { name in
        getenv(name).map { String(cString: $0) }
    })

    private init(lookup: @escaping @Sendable (String) -> String?) {
        self.lookup = lookup
    }

    /// The value, with an empty one treated as unset (as `NO_COLOR` requires).
    public subscript(name: String) -> String? {
        guard let value = lookup(name), !value.isEmpty else { return nil }
        return value
    }
}
