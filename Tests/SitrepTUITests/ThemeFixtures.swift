#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import SitrepTUI
import TestSupport

/// The repository's shipped themes and scratch theme files for tests.
enum ThemeFixtures {
    static let shippedNames = ["default", "light", "high-contrast", "mono"]

    /// `themes/` at the repository root.
    static var repositoryThemes: String { Repository.file("themes") }

    static var shippedLocator: ThemeLocator {
        ThemeLocator(directories: [repositoryThemes])
    }

    /// Writes `text` to `directory/name` and returns the path.
    @discardableResult
    static func write(_ text: String, named name: String, in directory: String) -> String {
        let path = directory + "/" + name
        guard let file = fopen(path, "w") else { fatalError("cannot write \(path)") }
        fputs(text, file)
        fclose(file)
        return path
    }
}
