import Foundation
import TestSupport
import Testing
@testable import IncidentCore

/// A long journal's replay opens on a preview: where the starting moment falls in the file,
/// found by halving it, and the incident there as the first read sees it, against the whole
/// recording's.
@Suite struct ReplayPreviewTests {
    let folder = TemporaryFolder()
    var path: String { folder.file("long.jsonl") }
    static let start = Timestamp(microseconds: 1_685_610_000_000_000)  // LongJournal's first line

    /// The time of `LongJournal`'s line `index` (from 0).
    static func time(ofLine index: Int) -> Timestamp { Timestamp(microseconds: start.microseconds + Int64(index) * 500_000) }

    /// The search against reading every line: the first line whose event is later, or the end.
    @Test func theSearchFindsTheFirstLineLaterThanTheMoment() throws {
        let lines = LongJournal.write(to: path, lines: 6_000)
        let size = lines.map { Int64($0.utf8.count + 1) }.reduce(0, +)
        let fd = try JournalFile.openForReading(path)
        defer { try? fd.close() }
        #expect(JournalTimeSearch.firstTime(fd, path: path) == Self.start)

        let indices = [0, 1, 8, 9, 10, 13, 2_000, 2_999, 5_989, 5_990, 5_998, 5_999]
        var moments = indices.flatMap { [Self.time(ofLine: $0), Self.time(ofLine: $0).adding(seconds: 0.25)] }
        moments.append(Self.start.adding(seconds: -60))
        for moment in moments {
            let found = JournalTimeSearch.offset(after: moment, in: fd, path: path, size: size)
            #expect(found == Self.offsetReadingEveryLine(lines, after: moment), "after \(RFC3339.journalFormat(moment))")
        }
    }

    /// Where probes meet lines that are not events (a run of them in the middle, a half-written
    /// last line), and moments before and after every event, the search still agrees with reading
    /// every line.
    @Test func theSearchStepsOverLinesThatAreNotEvents() throws {
        var lines = LongJournal.write(to: path, lines: 4_000)
        lines.insert(contentsOf: Array(repeating: "{not an event at all", count: 1_500), at: 2_000)
        let text = lines.joined(separator: "\n") + "\n" + #"{"ts":"2023-06-01T12:00:00Z","kind":"no"#
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let whole = lines.map { Int64($0.utf8.count + 1) }.reduce(0, +)
        let size = Int64(text.utf8.count)
        let fd = try JournalFile.openForReading(path)
        defer { try? fd.close() }
        for index in [0, 1_990, 1_999, 2_000, 2_001, 3_999] {
            let moment = Self.time(ofLine: index)
            #expect(JournalTimeSearch.offset(after: moment, in: fd, path: path, size: size)
                        == Self.offsetReadingEveryLine(lines, after: moment),
                    "after line \(index)'s time")
        }
        #expect(JournalTimeSearch.offset(after: Self.start.adding(seconds: -1), in: fd, path: path, size: size) == 0)
        #expect(JournalTimeSearch.offset(after: Self.start.adding(seconds: 86_400), in: fd, path: path, size: size) == whole,
                "after every event: the end of the last whole line")
    }

    /// With a stretch as long as the file, the preview is the recording's state at the moment.
    @Test(arguments: [1, 9, 2_000, 2_995, 2_999])
    func aPreviewWithTheWholeFileIsTheRecordingAtThatMoment(line: Int) throws {
        LongJournal.write(to: path, lines: 3_000)
        let moment = Self.time(ofLine: line)
        let preview = try #require(ReplayPreview.read(path: path, from: moment, options: FoldOptions(),
                                                      threshold: 0, tailBytes: 1 << 30))
        let recording = try ReplayRecording(path: path)
        var expected = try recording.state(afterEvents: recording.position(at: moment))
        // The recording's timeline is the final one, amendments and all: replay shows each entry
        // as it read at the moment, which is how the preview has it.
        expected.timeline = recording.timeline.prefix(recording.timelineCount(at: moment)).map { Self.asItRead($0, at: moment) }
        #expect(!preview.state.samplesStartMidway)
        #expect(Self.summary(preview.state) == Self.summary(expected))
    }

    /// With a short stretch, everything people wrote by the moment is there, and each service
    /// and pool stands as it did then; earlier samples wait for the whole recording.
    @Test func aPreviewWithAShortStretchHasEveryEntryAndTheCurrentState() throws {
        LongJournal.write(to: path, lines: 3_000)
        let moment = Self.time(ofLine: 2_000)
        let preview = try #require(ReplayPreview.read(path: path, from: moment, options: FoldOptions(),
                                                      threshold: 0, tailBytes: 8_000))
        let recording = try ReplayRecording(path: path)
        let expected = try recording.state(afterEvents: recording.position(at: moment))
        let expectedEntries = recording.timeline.prefix(recording.timelineCount(at: moment))
            .filter { !Self.isMarker($0) }.map { Self.asItRead($0, at: moment) }
        #expect(preview.state.samplesStartMidway)
        #expect(preview.state.timeline.filter { !Self.isMarker($0) }.map(\.text) == expectedEntries.map(\.text))
        #expect(preview.state.timeline.last?.ts ?? .now() <= moment)
        // A service sampled only before the stretch (search, on line 13) waits for the recording.
        let services = Set(preview.state.services.map { "\($0.name) \($0.state)" })
        #expect(services == Set(expected.services.map { "\($0.name) \($0.state)" }.filter { !$0.hasPrefix("search") }))
        #expect(preview.state.pools.map { "\($0.name) \($0.inUse)/\($0.max)" } == expected.pools.map { "\($0.name) \($0.inUse)/\($0.max)" })
        #expect(preview.state.status == expected.status && preview.state.commander == expected.commander)
    }

    @Test func aShortJournalOrAMomentBeforeItsStartNeedsNoFirstRead() throws {
        LongJournal.write(to: path, lines: 300)
        #expect(ReplayPreview.read(path: path, from: nil, options: FoldOptions(), threshold: 1 << 30, tailBytes: 1_000) == nil)
        let before = try #require(ReplayPreview.read(path: path, from: Self.start.adding(seconds: -5), options: FoldOptions(),
                                                     threshold: 0, tailBytes: 1_000))
        #expect(before.state.eventCount == 0 && before.state.timeline.isEmpty)
        let first = try #require(ReplayPreview.read(path: path, from: nil, options: FoldOptions(), threshold: 0, tailBytes: 1_000))
        #expect(first.moment == Self.start)
        #expect(first.state.title == "Long outage" && first.state.eventCount == 1)
    }

    /// What the search must find, from reading every whole line: the start of the first whose
    /// event is later than `moment`, or the end of the last.
    static func offsetReadingEveryLine(_ lines: [String], after moment: Timestamp) -> Int64 {
        var start: Int64 = 0
        for line in lines {
            if case .success(let event) = EventDecoder.decode(Array(line.utf8)), event.ts > moment { return start }
            start += Int64(line.utf8.count + 1)
        }
        return start
    }

    /// `entry` as it read at `moment`, before any later amendment.
    static func asItRead(_ entry: TimelineEntry, at moment: Timestamp) -> TimelineEntry {
        guard let amendedAt = entry.amendedAt, amendedAt > moment, let original = entry.originalText else { return entry }
        var entry = entry
        entry.text = original
        return entry
    }

    static func isMarker(_ entry: TimelineEntry) -> Bool { entry.kind == .serviceChange || entry.kind == .poolChange }

    static func summary(_ state: IncidentState) -> [String] {
        state.timeline.map { "\($0.line) \($0.kind.name) \($0.text)" }
            + state.services.map { "\($0.name) \($0.state) since \($0.since.microseconds) \($0.impairedEpisodes)" }
            + state.pools.map { "\($0.name) \($0.inUse)/\($0.max) \($0.history.count) \($0.episodes)" }
            + ["\(state.status ?? "-") \(state.commander ?? "-") \(state.eventCount)"]
    }
}
