/// The repository these tests run from, found from this file's path: the shipped themes and
/// example journals are read from it.
enum Repository {
    static let root = "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/")

    static func file(_ relativePath: String) -> String { root + "/" + relativePath }
}
