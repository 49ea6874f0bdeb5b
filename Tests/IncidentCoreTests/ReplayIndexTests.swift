import Foundation
import TestSupport
import Testing
@testable import IncidentCore

/// Replay's one pass: a journal in time order is folded as it is indexed; one with a backdated
/// line is folded again, sorted. Either way the recording shows what folding the events in time
/// order shows, at every checkpoint and between them.
@Suite struct ReplayIndexTests {
    /// Samples and notes a second apart, past several checkpoints, a bad line among them.
    func lines(backdating: Bool) -> [String] {
        let start = Timestamp(microseconds: 1_685_610_000_000_000)
        var lines: [String] = []
        for index in 0..<(3 * ReplayRecording.checkpointSpacing + 100) {
            var sample = Event(ts: start.adding(seconds: Double(index)), kind: index % 3 == 0 ? .note : .pool,
                               actor: "collector", text: index % 3 == 0 ? "note \(index)" : nil)
            if index % 3 != 0 {
                sample.pool = "primary"
                sample.inUse = index % 50
                sample.max = 50
                sample.waiting = index % 7
            }
            lines.append(String(decoding: EventEncoder.encode(sample), as: UTF8.self))
        }
        lines.insert("{not json", at: 1000)
        if backdating {
            let late = Event(ts: start.adding(seconds: 10), kind: .note, actor: "bob", text: "written late, about second 10")
            lines.append(String(decoding: EventEncoder.encode(late), as: UTF8.self))
        }
        return lines
    }

    @Test(arguments: [false, true])
    func aRecordingShowsTheFoldInTimeOrder(backdating: Bool) throws {
        let folder = TemporaryFolder()
        let text = lines(backdating: backdating)
        let path = folder.write("incident.jsonl", text.joined(separator: "\n") + "\n")
        let recording = try ReplayRecording(path: path)

        let events = text.enumerated().compactMap { index, line -> (Event, Int)? in
            (try? EventDecoder.decode(Array(line.utf8)).get()).map { ($0, index + 1) }
        }
        let inTimeOrder = events.enumerated().sorted { ($0.element.0.ts, $0.offset) < ($1.element.0.ts, $1.offset) }.map(\.element)
        #expect(recording.eventCount == inTimeOrder.count)
        #expect(recording.badLines.map(\.line) == [1001])
        var state = IncidentState()
        var states: [Int: IncidentState] = [:]
        let probes = [0, 1, 11, 2047, 2048, 2049, 5000, inTimeOrder.count]
        for (position, (event, line)) in inTimeOrder.enumerated() {
            if probes.contains(position) { states[position] = state }
            state.apply(event, line: line)
        }
        states[inTimeOrder.count] = state
        #expect(recording.timeline == state.timeline)
        for position in probes {
            let replayed = try recording.state(afterEvents: position)
            let expected = try #require(states[position])
            #expect(replayed.eventCount == expected.eventCount, "after \(position) events")
            #expect(replayed.pools == expected.pools, "after \(position) events")
        }
        if backdating {
            #expect(recording.timeline.contains { $0.text == "written late, about second 10" && $0.line == text.count })
        }
    }
}
