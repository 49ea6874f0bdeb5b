import Testing
@testable import IncidentCore

/// `sitrep report` writes the report as it goes, in pieces, instead of building it whole; journal
/// text with nothing to escape skips `SafeText`, and each minute's time is written once. What a
/// reader sees must not change: each line against the String code it replaced, on a timeline
/// long enough to be written on both cores, with hostile text in every field.
@Suite struct ReportWritingTests {
    static let start = time("1969-12-31T23:58:30.5Z")
    /// Folded once for the tests that read it: a long fold in a debug build is seconds.
    static let state = longHostileState()

    /// More entries than `SplitWriting` writes on one thread, seven seconds apart across the
    /// epoch and many minutes, every kind the report quotes after its timeline, amendments.
    static func longHostileState() -> IncidentState {
        let texts = ByteTextTests.texts
        var events: [Event] = []
        for index in 0...SplitWriting.minimumItems {
            let text = texts[index % texts.count]
            let kinds: [EventKind] = [.note, .cause, .mitigation, .task, .alert, .other("x\u{1B}[2J|y")]
            var event = Event(ts: start.adding(seconds: Double(index) * 7), kind: kinds[index % kinds.count],
                              actor: index % 7 == 0 ? nil : texts[(index / 3) % texts.count], text: text)
            event.id = "e\(index)"
            switch event.kind {
            case .mitigation: event.state = ["applied", "failed", "reverted", "od\u{9B}d"][(index / 6) % 4]
            case .task: event.owner = index % 12 == 3 ? nil : text
            case .alert: event.service = text
            default: break
            }
            events.append(event)
            if index % 13 == 0 {
                var amendment = Event(ts: event.ts, kind: .amend, actor: "ann", text: texts[(index + 5) % texts.count])
                amendment.ref = "e\(index)"
                events.append(amendment)
            }
        }
        return fold(events)
    }

    @Test func theReportIsHandedOnInWholeLinesAndEachEntryReadsAsItDid() throws {
        let state = Self.state
        let report = PostmortemReport(state: state, source: "j", head: nil, asOf: Self.start)
        var pieces: [[UInt8]] = []
        report.write { pieces.append($0) }
        #expect(pieces.count > 2, "the caller's half is handed on a megabyte at a time, then the helper's")
        for piece in pieces where !piece.isEmpty { #expect(piece.last == 0x0A) }
        let markdown = report.markdown()
        #expect(pieces.flatMap { $0 } == Array(markdown.utf8))

        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        let first = try #require(lines.firstIndex(of: "## Timeline")) + 2
        let written = lines[first..<first + state.timeline.count].map(String.init)
        let expected = state.timeline.map(Self.referenceLine)
        #expect(written.count == expected.count)
        for (line, reference) in zip(written, expected) where line != reference {
            Issue.record("\(line.debugDescription) is not \(reference.debugDescription)")
            break
        }
        #expect(lines[first + state.timeline.count] == "")
    }

    @Test func causesMitigationsAndTasksAreQuotedInTimelineOrder() {
        let state = Self.state
        let markdown = PostmortemReport(state: state, source: "j", head: nil, asOf: Self.start).markdown()
        func inline(_ text: String) -> String { MarkdownText.characterInline(SafeText.escape(text)) }
        func attribution(_ entry: TimelineEntry) -> String {
            " — \(entry.actor.map(inline) ?? "unknown"), \(TimeText.long(entry.ts))"
        }
        let causes = state.timeline.filter { $0.kind == .event(.cause) }.map { "- \(inline($0.text))\(attribution($0))" }
        let steps = state.timeline.filter { $0.kind == .event(.mitigation) }
        let resolution = steps.map { "- \(inline($0.text)) (\(inline($0.detail ?? "applied")))\(attribution($0))" }
        let setbacks = steps.filter { $0.detail == "failed" || $0.detail == "reverted" }
            .map { "- \(inline($0.text)) (\(inline($0.detail ?? "")))\(attribution($0))" }
        let tasks = state.timeline.filter { $0.kind == .event(.task) }.map {
            "- [ ] \(inline($0.text))" + ($0.detail.map { " (\(inline($0)))" } ?? " _(no owner yet: `sitrep task TEXT --owner NAME`)_")
        }
        #expect(causes.count > 1000 && setbacks.count > 1000 && tasks.count > 1000)
        #expect(markdown.contains("**Root cause:**\n\n" + causes.joined(separator: "\n") + "\n\n"))
        #expect(markdown.contains("in the order they were recorded:\n\n" + resolution.joined(separator: "\n") + "\n\n"))
        #expect(markdown.contains("failed or reverted:\n\n" + setbacks.joined(separator: "\n") + "\n\n"))
        #expect(markdown.hasSuffix("## Tasks to Address the Issue\n\n" + tasks.joined(separator: "\n") + "\n"))
    }

    @Test func eachMinuteIsWrittenAsTimeTextWritesIt() {
        let times = ["1969-12-31T23:58:59.5Z", "1969-12-31T23:59:00Z", "1969-12-31T23:59:59.999999Z", "1970-01-01T00:00:00Z",
                     "1970-01-01T00:00:59Z", "1969-12-31T23:59:30Z", "2023-06-01T09:15:59Z", "2023-06-01T09:16:00Z",
                     "2023-06-01T09:15:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"]
        var text = MarkdownText()
        for moment in times.map(time) {
            text.appendLong(moment)
            text.endLine()
        }
        #expect(text.text == times.map { TimeText.long(time($0)) + "\n" }.joined())
    }

    /// The timeline line as `PostmortemReport` wrote it from Strings.
    static func referenceLine(_ entry: TimelineEntry) -> String {
        func inline(_ text: String) -> String { MarkdownText.characterInline(SafeText.escape(text)) }
        var line = "- **\(TimeText.long(entry.ts)):** \(inline(entry.kind.name))"
        if let detail = entry.detail { line += " (\(inline(detail)))" }
        line += ": \(inline(entry.text))"
        if let original = entry.originalText { line += " _(amended; first recorded as: \(inline(original)))_" }
        if let actor = entry.actor { line += " — \(inline(actor))" }
        return line
    }
}
