import TOMLKit

/// Turns the text of a theme file into a `Theme`, or a `ThemeError` naming the file and key.
///
/// ```toml
/// [palette]
/// crimson = "#e5484d"
///
/// [styles]
/// healthDown = { fg = "crimson", bold = true }
/// ```
struct ThemeParser {
    /// How errors name the file: the path as the user gave it or as it was found.
    let file: String

    private static let styleKeys = ["fg", "bg", "bold", "dim", "reverse", "underline"]
    private static let sections = ["palette", "styles", "description"]

    func parse(_ text: String, name: String) throws -> Theme {
        let root = try parseTOML(text)
        for key in root.keys where !Self.sections.contains(key) {
            throw problem(at: key, "unknown section; a theme has [palette] and [styles]")
        }
        if let description = root["description"] {
            try requireString(description, at: "description")
        }
        let palette = try root["palette"].map(parsePalette) ?? [:]
        let styles = try root["styles"].map { try parseStyles($0, palette: palette) } ?? [:]
        return Theme(name: name, palette: palette, styles: styles)
    }

    private func parseTOML(_ text: String) throws -> TOMLTable {
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let position = error.source.begin
            throw ThemeError(
                file: file,
                problem: "line \(position.line), column \(position.column): \(error.description)"
            )
        }
    }

    private func parsePalette(_ value: TOMLValueConvertible) throws -> [String: Color] {
        let table = try requireTable(value, at: "palette")
        var palette: [String: Color] = [:]
        for name in table.keys {
            palette[name] = try literalColor(table[name]!, at: "palette.\(name)")
        }
        return palette
    }

    private func parseStyles(_ value: TOMLValueConvertible, palette: [String: Color]) throws -> [StyleRole: Style] {
        let table = try requireTable(value, at: "styles")
        var styles: [StyleRole: Style] = [:]
        for key in table.keys {
            guard let role = StyleRole(rawValue: key) else {
                let roles = StyleRole.allCases.map(\.rawValue)
                throw problem(at: "styles.\(key)", "unknown role\(NameSuggestion.hint(for: key, among: roles))")
            }
            styles[role] = try parseStyle(table[key]!, at: "styles.\(key)", palette: palette)
        }
        return styles
    }

    private func parseStyle(_ value: TOMLValueConvertible, at path: String, palette: [String: Color]) throws -> Style {
        let table = try requireTable(value, at: path)
        var style = Style.plain
        for key in table.keys {
            let field = table[key]!
            let fieldPath = "\(path).\(key)"
            switch key {
            case "fg": style.foreground = try styleColor(field, at: fieldPath, palette: palette)
            case "bg": style.background = try styleColor(field, at: fieldPath, palette: palette)
            case "bold": style.bold = try requireBool(field, at: fieldPath)
            case "dim": style.dim = try requireBool(field, at: fieldPath)
            case "reverse": style.reverse = try requireBool(field, at: fieldPath)
            case "underline": style.underline = try requireBool(field, at: fieldPath)
            default:
                let hint = NameSuggestion.hint(for: key, among: Self.styleKeys)
                throw problem(at: fieldPath, "unknown key\(hint); a style has fg, bg, bold, dim, reverse, underline")
            }
        }
        return style
    }
}

// MARK: - Values

extension ThemeParser {
    /// A colour in a style: a palette name first, so a palette may redefine `red`, then a literal.
    private func styleColor(_ value: TOMLValueConvertible, at path: String, palette: [String: Color]) throws -> Color {
        if let name = value.string, let color = palette[name] {
            return color
        }
        return try literalColor(value, at: path)
    }

    private func literalColor(_ value: TOMLValueConvertible, at path: String) throws -> Color {
        if let number = value.int {
            guard (0...255).contains(number) else {
                throw problem(at: path, "colour number \(number) is outside 0–255")
            }
            return .indexed(UInt8(number))
        }
        guard let text = value.string else {
            throw problem(at: path, "expected a colour such as \"#ff8800\", \"red\" or 208")
        }
        guard let color = Color(literal: text) else {
            throw problem(at: path, "unknown colour \"\(text)\"")
        }
        return color
    }

    private func requireTable(_ value: TOMLValueConvertible, at path: String) throws -> TOMLTable {
        guard let table = value.table else { throw problem(at: path, "expected a table") }
        return table
    }

    private func requireBool(_ value: TOMLValueConvertible, at path: String) throws -> Bool {
        guard let flag = value.bool else { throw problem(at: path, "expected true or false") }
        return flag
    }

    private func requireString(_ value: TOMLValueConvertible, at path: String) throws {
        guard value.string != nil else { throw problem(at: path, "expected a string") }
    }

    private func problem(at key: String, _ text: String) -> ThemeError {
        ThemeError(file: file, key: key, problem: text)
    }
}
