import IncidentCore
import SitrepTUI

#if canImport(Glibc)
import Glibc
#endif

/// The themes a `--theme` could have meant: a list of paths searched does not tell a user that
/// they typed `lite` for `light`, the names do.
enum ThemeNames {
    /// The built-in `mono`, and every `.toml` in the folders the search looked in.
    static func available(searched: [String]) -> [String] {
        let folders = searched.map { path in path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/") }
        var names: Set<String> = [Theme.mono.name]
        for folder in Set(folders) { names.formUnion(tomlNames(in: folder.isEmpty ? "." : folder)) }
        return names.sorted()
    }

    /// `theme "lite" not found (did you mean light?); themes: default, light, mono; looked for: ...`
    static func notFound(_ missing: ThemeNotFoundError) -> String {
        guard !ThemeLocator.isPath(missing.name) else { return missing.description }
        let names = available(searched: missing.searched)
        let hint = NameSuggestion.closest(to: missing.name, among: names).map { " (did you mean \($0)?)" } ?? ""
        return SafeText.escape("theme \"\(missing.name)\" not found\(hint); themes: \(names.joined(separator: ", "));"
            + " looked for: \(missing.searched.joined(separator: ", "))")
    }

    private static func tomlNames(in folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".toml"), name.count > 5 { names.append(String(name.dropLast(5))) }
        }
        return names
    }
}
