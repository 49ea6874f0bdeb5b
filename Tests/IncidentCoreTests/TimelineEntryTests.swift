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
}
