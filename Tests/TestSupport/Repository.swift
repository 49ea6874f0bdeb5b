/// The repository these tests run from, found from this file's path: the shipped themes and
/// example journals are read from it.
public enum Repository {
    public static let root = "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/")

    public static func file(_ relativePath: String) -> String { root + "/" + relativePath }
}
