/// Which theme to draw with, following the NO_COLOR convention (no-color.org): a theme named on
/// the command line wins over `NO_COLOR`, which wins over `$SITREP_THEME`.
public enum ThemeSelection {
    /// - `flag`: the `--theme` value, if given.
    /// - Without a flag: `NO_COLOR` (non-empty) gives `Theme.mono`; else `$SITREP_THEME`;
    ///   else `default`, and `Theme.mono` when no `default.toml` is installed.
    /// - `mono` without a `mono.toml` anywhere is the built-in `Theme.mono`.
    /// Throws `ThemeNotFoundError` for a named theme that is nowhere, `ThemeError` for a broken one.
    public static func choose(
        flag: String?,
        environment: EnvironmentVariables = .process,
        locator: ThemeLocator? = nil
    ) throws -> Theme {
        let locator = locator ?? .standard(environment: environment)
        if let flag { return try load(flag, locator: locator) }
        if environment["NO_COLOR"] != nil { return .mono }
        if let name = environment["SITREP_THEME"] { return try load(name, locator: locator) }
        do {
            return try load("default", locator: locator)
        } catch is ThemeNotFoundError {
            return .mono
        }
    }

    private static func load(_ name: String, locator: ThemeLocator) throws -> Theme {
        do {
            return try Theme.load(path: locator.locate(name))
        } catch is ThemeNotFoundError where name == Theme.mono.name {
            return .mono
        }
    }
}
