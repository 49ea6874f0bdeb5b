import TestSupport
import Testing
@testable import SitrepTUI

@Suite("Finding and choosing a theme")
struct ThemeSelectionTests {
    let shipped = ThemeFixtures.shippedLocator

    @Test func flagWinsOverNoColor() throws {
        let environment = EnvironmentVariables(["NO_COLOR": "1", "SITREP_THEME": "mono"])
        let theme = try ThemeSelection.choose(flag: "light", environment: environment, locator: shipped)
        #expect(theme.name == "light")
    }

    @Test func noColorWinsOverTheEnvironmentTheme() throws {
        let environment = EnvironmentVariables(["NO_COLOR": "yes", "SITREP_THEME": "light"])
        #expect(try ThemeSelection.choose(flag: nil, environment: environment, locator: shipped) == .mono)
    }

    @Test func emptyNoColorIsUnset() throws {
        let environment = EnvironmentVariables(["NO_COLOR": "", "SITREP_THEME": "high-contrast"])
        let theme = try ThemeSelection.choose(flag: nil, environment: environment, locator: shipped)
        #expect(theme.name == "high-contrast")
    }

    @Test func defaultThemeWhenNothingIsAsked() throws {
        let theme = try ThemeSelection.choose(flag: nil, environment: EnvironmentVariables([:]), locator: shipped)
        #expect(theme.name == "default")
        #expect(theme.style(for: .healthDown).background != .terminalDefault)
    }

    @Test func builtInMonoWhenNoThemesAreInstalled() throws {
        let folder = TemporaryFolder()
        defer { withExtendedLifetime(folder) {} }
        let nowhere = ThemeLocator(directories: [folder.path])
        #expect(try ThemeSelection.choose(flag: nil, environment: EnvironmentVariables([:]), locator: nowhere) == .mono)
        #expect(try ThemeSelection.choose(flag: "mono", environment: EnvironmentVariables([:]), locator: nowhere) == .mono)
    }

    @Test func missingNamedThemeListsEveryPlaceSearched() {
        let locator = ThemeLocator(directories: ["/etc/nowhere", "themes"])
        let error = #expect(throws: ThemeNotFoundError.self) {
            try ThemeSelection.choose(flag: "solarized", environment: EnvironmentVariables([:]), locator: locator)
        }
        #expect(error?.description == "theme \"solarized\" not found; looked for: /etc/nowhere/solarized.toml, themes/solarized.toml")
    }

    @Test func aNameWithASlashOrTomlSuffixIsAPath() throws {
        let folder = TemporaryFolder()
        defer { withExtendedLifetime(folder) {} }
        let directory = folder.path
        let path = ThemeFixtures.write("[styles]\nnormal = { bold = true }\n", named: "mine.toml", in: directory)
        let theme = try ThemeSelection.choose(flag: path, environment: EnvironmentVariables([:]), locator: shipped)
        #expect(theme.name == "mine")
        #expect(theme.style(for: .normal).bold)
        // Roles the file leaves out are drawn as mono draws them.
        #expect(theme.style(for: .healthDown) == Theme.mono.style(for: .healthDown))
        #expect(ThemeLocator.isPath("custom.toml"))
        #expect(!ThemeLocator.isPath("custom"))
    }

    @Test func standardSearchOrder() {
        let environment = EnvironmentVariables(["SITREP_THEMES_DIR": "/opt/themes"])
        let locator = ThemeLocator.standard(environment: environment, executablePath: "/repo/.build/debug/sitrep")
        #expect(locator.directories == [
            "/opt/themes", "themes",
            "/repo/.build/debug/themes", "/repo/.build/themes", "/repo/themes", "/themes",
        ])
    }

    @Test func brokenDefaultIsAnErrorNotASilentFallback() {
        let folder = TemporaryFolder()
        defer { withExtendedLifetime(folder) {} }
        let directory = folder.path
        ThemeFixtures.write("[styles]\nnormal = { fg = \"reed\" }\n", named: "default.toml", in: directory)
        let locator = ThemeLocator(directories: [directory])
        #expect(throws: ThemeError.self) {
            try ThemeSelection.choose(flag: nil, environment: EnvironmentVariables([:]), locator: locator)
        }
    }
}
