import Foundation
import IncidentCore

/// A fresh folder per test, removed when the test lets go of it, so tests can run in parallel on
/// real files.
public final class TemporaryFolder: Sendable {
    public let path: String

    public init() {
        path = NSTemporaryDirectory() + "sitrep-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    public func file(_ name: String) -> String { path + "/" + name }

    @discardableResult
    public func write(_ name: String, _ text: String) -> String {
        writeBytes(name, Array(text.utf8))
    }

    @discardableResult
    public func writeBytes(_ name: String, _ bytes: [UInt8]) -> String {
        let target = file(name)
        _ = FileManager.default.createFile(atPath: target, contents: Data(bytes))
        return target
    }

    public func append(_ name: String, _ text: String) {
        let handle = FileHandle(forWritingAtPath: file(name))!
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try! handle.close()
    }

    /// The file's complete lines, empty ones included; none while the file does not exist.
    public func lines(_ name: String = "incident.jsonl") -> [String] {
        let text = (try? String(contentsOfFile: file(name), encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// Every event in the journal `name`, in file order.
    public func events(_ name: String = "incident.jsonl") throws -> [Event] {
        try FileJournal(path: file(name)).events()
    }

    /// The events so far, none while no journal exists yet: for polling a journal another
    /// process is about to create.
    public func eventsSoFar(_ name: String = "incident.jsonl") -> [Event] {
        (try? events(name)) ?? []
    }
}
