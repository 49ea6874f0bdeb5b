import Foundation
@testable import IncidentCore

/// A fresh folder per test, removed afterwards, so tests can run in parallel on real files.
final class TemporaryFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "sitrep-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String) -> String {
        let target = file(name)
        _ = FileManager.default.createFile(atPath: target, contents: Data(text.utf8))
        return target
    }

    func writeBytes(_ name: String, _ bytes: [UInt8]) -> String {
        let target = file(name)
        _ = FileManager.default.createFile(atPath: target, contents: Data(bytes))
        return target
    }

    func append(_ name: String, _ text: String) {
        let handle = FileHandle(forWritingAtPath: file(name))!
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try! handle.close()
    }

    func lines(_ name: String) -> [String] {
        let text = (try? String(contentsOfFile: file(name), encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }
}

func time(_ text: String) -> Timestamp { RFC3339.parse(text)! }

func event(_ ts: String, _ kind: EventKind, actor: String? = "alice", text: String? = nil,
           _ fill: (inout Event) -> Void = { _ in }) -> Event {
    var result = Event(ts: time(ts), kind: kind, actor: actor, text: text)
    fill(&result)
    return result
}

/// Reads a whole journal into events and bad lines.
func readAll(_ store: FileJournal) throws -> (events: [Event], bad: [BadLine]) {
    var events: [Event] = []
    var bad: [BadLine] = []
    try store.read { record in
        switch record {
        case .event(let event, _): events.append(event)
        case .bad(let line): bad.append(line)
        }
    }
    return (events, bad)
}

func fold(_ events: [Event], options: FoldOptions = FoldOptions()) -> IncidentState {
    var state = IncidentState(options: options)
    for (index, event) in events.enumerated() { state.apply(event, line: index + 1) }
    return state
}
