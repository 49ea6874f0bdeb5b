import Testing
@testable import IncidentCore

/// An entry keeps most fields out of line; what goes in comes back out, whatever the kind.
@Suite struct TimelineEntryTests {
    static let time = Timestamp(microseconds: 1_685_610_000_000_000)

    @Test(arguments: EventKind.known.map(TimelineEntry.Kind.event)
          + [.event(.other("deploy")), .event(.other("")), .serviceChange, .poolChange])
    func everyKindComesBackAsItWent(_ kind: TimelineEntry.Kind) {
        let entry = TimelineEntry(ts: Self.time, line: 7, id: nil, actor: "ann", kind: kind, detail: nil, text: "x")
        #expect(entry.kind == kind && entry.kind.name == kind.name)
    }

    @Test func fieldsSetAndClearedLeaveTheEntryAsItWas() {
        let plain = TimelineEntry(ts: Self.time, line: 3, id: nil, actor: nil, kind: .event(.note), detail: nil, text: "restarted db-1")
        var entry = plain
        entry.id = "n1"
        entry.detail = "→ dba"
        entry.kind = .event(.other("deploy"))
        entry.originalText = "restarted db-2"
        entry.amendedAt = Self.time
        #expect(entry.id == "n1" && entry.detail == "→ dba" && entry.kind.name == "deploy" && entry.isAmended)
        #expect(plain.id == nil && plain.detail == nil && plain.kind == .event(.note) && !plain.isAmended, "a copy is its own")
        entry.id = nil
        entry.detail = nil
        entry.kind = .event(.note)
        entry.originalText = nil
        entry.amendedAt = nil
        #expect(entry == plain)
    }

    /// A flapping service writes the same sentences again and again: its markers share them.
    @Test func repeatedMarkerSentencesShareOneBuffer() {
        var state = IncidentState()
        for index in 0..<40 {
            var sample = Event(ts: Self.time.adding(seconds: Double(index)), kind: .health, actor: "collector")
            sample.service = "api"
            sample.state = index % 2 == 0 ? "up" : "degraded"
            state.apply(sample, line: index + 1)
        }
        let degraded = state.timeline.filter { $0.text == "api: up → degraded" }
        #expect(degraded.count == 20)
        let buffers = Set(degraded.map { entry in entry.text.utf8.withContiguousStorageIfAvailable { Int(bitPattern: $0.baseAddress) } })
        #expect(buffers.count == 1, "one buffer for twenty equal sentences")
    }
}
