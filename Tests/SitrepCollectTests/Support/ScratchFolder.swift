import Foundation

/// A folder of its own for one test's journal, removed afterwards.
final class ScratchFolder {
    let path = NSTemporaryDirectory() + "sitrep-collector-" + UUID().uuidString

    init() throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
