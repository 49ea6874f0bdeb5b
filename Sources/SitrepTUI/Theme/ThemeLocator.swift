import IncidentCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where theme files are looked for, in order.
public struct ThemeLocator: Equatable, Sendable {
    public var directories: [String]

    public init(directories: [String]) {
        var seen = Set<String>()
        self.directories = directories.filter { seen.insert($0).inserted }
    }

    /// `$SITREP_THEMES_DIR`, then `./themes`, then a `themes/` folder in the executable's folder
    /// or any folder above it, so `swift run` inside the repository finds the repository's themes.
    public static func standard(
        environment: EnvironmentVariables = .process,
        executablePath: String? = RunningProgram.path
    ) -> ThemeLocator {
        var directories: [String] = []
        if let configured = environment["SITREP_THEMES_DIR"] { directories.append(configured) }
        directories.append("themes")
        if let executablePath {
            directories += ancestors(of: executablePath).map { join($0, "themes") }
        }
        return ThemeLocator(directories: directories)
    }

    /// A name with a `/` or ending in `.toml` is a path and is used as given.
    public static func isPath(_ name: String) -> Bool {
        name.contains("/") || name.hasSuffix(".toml")
    }

    /// The files that would be tried for `name`, in order.
    public func candidates(for name: String) -> [String] {
        if Self.isPath(name) { return [name] }
        return directories.map { Self.join($0, name + ".toml") }
    }

    /// The first candidate that exists.
    public func locate(_ name: String) throws -> String {
        let paths = candidates(for: name)
        guard let found = paths.first(where: TextFile.isRegularFile) else {
            throw ThemeNotFoundError(name: name, searched: paths)
        }
        return found
    }

    /// The folders containing `path`, nearest first: `/a/b/c` → `/a/b`, `/a`, `/`.
    static func ancestors(of path: String) -> [String] {
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let isAbsolute = path.hasPrefix("/")
        var result: [String] = []
        while !parts.isEmpty {
            parts.removeLast()
            let joined = parts.joined(separator: "/")
            if isAbsolute {
                result.append("/" + joined)
            } else if !joined.isEmpty {
                result.append(joined)
            }
        }
        if !isAbsolute { result.append(".") }
        return result
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
