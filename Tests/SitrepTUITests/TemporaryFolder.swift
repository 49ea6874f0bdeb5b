import Foundation

/// A folder of its own for one test's files, removed when the test lets go of it.
final class TemporaryFolder {
    let path = NSTemporaryDirectory() + "sitrep-tui-test-" + UUID().uuidString

    init() {
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
