extension Theme {
    /// Loads a theme file; the theme is named after the file (`themes/light.toml` → `light`).
    public static func load(path: String) throws -> Theme {
        switch TextFile.contents(of: path) {
        case .success(let text):
            return try ThemeParser(file: path).parse(text, name: themeName(fromPath: path))
        case .failure(let failure):
            throw ThemeError(file: path, problem: "cannot read: \(failure.text)")
        }
    }

    /// Parses theme text that did not come from a file (tests, embedded defaults);
    /// `file` is only used to name the source in errors.
    public static func parse(_ text: String, name: String, file: String) throws -> Theme {
        try ThemeParser(file: file).parse(text, name: name)
    }

    static func themeName(fromPath path: String) -> String {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        return base.hasSuffix(".toml") ? String(base.dropLast(5)) : base
    }
}
