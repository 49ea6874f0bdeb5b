import TestSupport
import Testing
@testable import SitrepTUI

@Suite("Broken themes name the file and the key")
struct ThemeErrorTests {
    @Test func unknownColourNamesFileKeyAndValue() throws {
        let folder = TemporaryFolder()
        defer { withExtendedLifetime(folder) {} }
        let directory = folder.path
        let path = ThemeFixtures.write(
            "[styles]\nhealthDown = { fg = \"reed\", bold = true }\n", named: "light.toml", in: directory
        )
        let error = #expect(throws: ThemeError.self) { try Theme.load(path: path) }
        #expect(error?.description == "\(path): styles.healthDown.fg: unknown colour \"reed\"")
    }

    @Test func unknownColourInPalette() {
        let error = #expect(throws: ThemeError.self) {
            try Theme.parse("[palette]\nalarm = \"#ff00\"\n", name: "x", file: "themes/x.toml")
        }
        #expect(error?.description == "themes/x.toml: palette.alarm: unknown colour \"#ff00\"")
    }

    @Test func unknownRoleSuggestsTheNearestOne() {
        let error = #expect(throws: ThemeError.self) {
            try Theme.parse("[styles]\nheathDown = { bold = true }\n", name: "x", file: "themes/x.toml")
        }
        #expect(error?.description == "themes/x.toml: styles.heathDown: unknown role (did you mean healthDown?)")
    }

    @Test func unknownStyleKey() {
        let error = #expect(throws: ThemeError.self) {
            try Theme.parse("[styles]\nnormal = { colour = \"red\" }\n", name: "x", file: "t.toml")
        }
        #expect(error?.key == "styles.normal.colour")
        #expect(error?.problem.hasPrefix("unknown key") == true)
    }

    @Test func wrongTypes() {
        let boolError = #expect(throws: ThemeError.self) {
            try Theme.parse("[styles]\nnormal = { bold = \"yes\" }\n", name: "x", file: "t.toml")
        }
        #expect(boolError?.description == "t.toml: styles.normal.bold: expected true or false")
        let numberError = #expect(throws: ThemeError.self) {
            try Theme.parse("[styles]\nnormal = { fg = 300 }\n", name: "x", file: "t.toml")
        }
        #expect(numberError?.description == "t.toml: styles.normal.fg: colour number 300 is outside 0–255")
        let tableError = #expect(throws: ThemeError.self) {
            try Theme.parse("[styles]\nnormal = \"red\"\n", name: "x", file: "t.toml")
        }
        #expect(tableError?.description == "t.toml: styles.normal: expected a table")
    }

    @Test func tomlSyntaxErrorNamesFileAndLine() {
        let error = #expect(throws: ThemeError.self) {
            try Theme.parse("[styles]\nnormal = { bold = true\n", name: "x", file: "themes/broken.toml")
        }
        #expect(error?.file == "themes/broken.toml")
        #expect(error?.description.hasPrefix("themes/broken.toml: line 2, column") == true)
    }

    @Test func unknownSection() {
        let error = #expect(throws: ThemeError.self) {
            try Theme.parse("[colours]\nred = \"#ff0000\"\n", name: "x", file: "t.toml")
        }
        #expect(error?.key == "colours")
    }

    @Test func unreadableFile() {
        let error = #expect(throws: ThemeError.self) { try Theme.load(path: "/nonexistent/x.toml") }
        #expect(error?.description == "/nonexistent/x.toml: cannot read: No such file or directory")
    }

    @Test func hostileTextInAnErrorIsEscaped() {
        let error = #expect(throws: ThemeError.self) {
            try Theme.parse("[styles]\nnormal = { fg = \"\\u001b[2J\" }\n", name: "x", file: "t.toml")
        }
        #expect(error?.description.unicodeScalars.contains("\u{1B}") == false)
    }
}
