import Foundation
import TestSupport
import Testing
@testable import IncidentCore

extension DashboardEndToEndTests {
    /// A journal past the first read's threshold (16 MB), in the release binary users run: its
    /// last entry is on the first frame while the header says the earlier samples are being read;
    /// then the header says nothing more, and an early change of state the first read left out is
    /// at the timeline's start.
    @Test func aLongJournalOpensWithItsLastEntryThenItsWholeHistory() throws {
        let scratch = TemporaryFolder()
        let lines = LongJournal.write(to: scratch.file("long.jsonl"), lines: 170_000)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: scratch.file("long.jsonl"))[.size] as? Int)
        try #require(size >= Int(LongJournalStart.threshold), "the journal is \(size) bytes")
        let lastNote = try #require(lines.last { $0.contains(#""kind":"note""#) }.flatMap { Self.text(of: $0) })
        let earlyChange = try #require(Self.firstServiceChange(in: lines), "no early change in the fixture")

        let script = TmuxSession.sitrepCommandLine(["-j", "long.jsonl", "--actor", "ic", "--no-bell"],
                                                   executable: try ReleaseBinary.path.get())
        let dashboard = try TmuxSession(width: 160, height: 40, folder: scratch.path, script: script + "\nexec sleep 600")
        let first = try #require(dashboard.waitUntil(seconds: 20) { $0.contains { $0.contains(lastNote) } },
                                 "screen:\n\(dashboard.screen)")
        #expect(first.contains { $0.contains("reading earlier samples") }, "first frame:\n\(first.joined(separator: "\n"))")
        let whole = try #require(dashboard.waitUntil(seconds: 60) { !$0.contains { $0.contains("reading earlier samples") } },
                                 "screen:\n\(dashboard.screen)")
        #expect(whole.contains { $0.contains(lastNote) })
        #expect(!whole.contains { $0.contains("≤") }, "every since is known:\n\(whole.joined(separator: "\n"))")

        // The timeline's start: the first read had the people's entries there, not this change.
        try dashboard.press("Home")
        #expect(dashboard.waitUntil(seconds: 5) { $0.contains { $0.contains(earlyChange) } } != nil,
                "the early change \(earlyChange) at the timeline's start:\n\(dashboard.screen)")
    }

    private static func text(of line: String) -> String? {
        guard case .success(let event) = EventDecoder.decode(Array(line.utf8)) else { return nil }
        return event.text
    }

    /// The marker text of the first change of a service's state, which only the whole read finds.
    private static func firstServiceChange(in lines: [String]) -> String? {
        var states: [String: String] = [:]
        for line in lines.prefix(lines.count / 2) {
            guard case .success(let event) = EventDecoder.decode(Array(line.utf8)), event.kind == .health,
                  let service = event.service, let state = event.state else { continue }
            if let previous = states[service], previous != state { return "\(service): \(previous) → \(state)" }
            states[service] = state
        }
        return nil
    }
}
