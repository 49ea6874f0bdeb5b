import Testing
@testable import IncidentCore

/// The timeline and the report are written as bytes now, not built from Strings. What a reader
/// sees must not change: each byte path against the String code it replaced, on hostile,
/// wide, combining and plain text.
@Suite struct ByteTextTests {
    static let texts: [String] = [
        "", "plain text", " leading space", "- a list", "+ plus", "= setext", "1. ordered", "12) also", "3x not a list",
        "1", "10.", "a|b", "<tag> *em* _em_ `code` [link] #head ~strike~ &amp; back\\slash",
        "\u{1B}]2;PWNED\u{07} clear\r\n\u{202E}evil\u{2028}", "\u{9B}31m", "café", "障害対応 🔥", "→ degraded",
        "-\u{301} accent on a dash", " \u{301}accent on a space", "1\u{301}. digit with an accent", "1.\u{301} dot with an accent",
        "|\u{301} pipe with an accent", "\u{600}| prepended", "é|", "|é", "a→|", "👩‍👩‍👧|", "*\u{200D}",
        "\u{1F1EB}\u{1F1F7}#", "`", "``", "` x `", String(repeating: "long ", count: 50),
    ]

    @Test func inlineMarkdownIsWhatTheCharacterCodeMakes() {
        for text in Self.texts {
            let escaped = SafeText.escape(text)
            #expect(MarkdownText.inline(text) == MarkdownText.characterInline(escaped), "\(text.debugDescription)")
            var bytes: [UInt8] = Array("prefix ".utf8)
            if MarkdownText.appendByteInline(escaped, to: &bytes) {
                #expect(String(decoding: bytes, as: UTF8.self) == "prefix " + MarkdownText.characterInline(escaped), "\(text.debugDescription)")
            }
        }
        // The byte path takes the common cases itself.
        var bytes: [UInt8] = []
        #expect(MarkdownText.appendByteInline("web: up → degraded (slow) | 1. x", to: &bytes))
    }

    @Test func timelineLinesAreWhatTheyWere() {
        let times = ["2023-06-01T09:15:00Z", "1999-12-31T23:59:59.999999Z", "0001-01-01T00:00:00Z", "2024-02-29T12:00:00Z"]
        for (index, text) in Self.texts.enumerated() {
            var entry = TimelineEntry(ts: time(times[index % times.count]), line: index, id: index % 3 == 0 ? nil : text,
                                      actor: index % 4 == 0 ? nil : text, kind: index % 2 == 0 ? .event(.note) : .event(.other(text)),
                                      detail: index % 5 == 0 ? nil : text, text: text)
            if index % 3 == 1 { entry.originalText = Self.texts[(index + 7) % Self.texts.count] }
            for showID in [false, true] {
                #expect(TimelineText.line(entry, showID: showID) == Self.referenceLine(entry, showID: showID), "\(text.debugDescription)")
            }
        }
    }

    @Test func timesAreWhatTimeTextWrites() {
        for text in ["2023-06-01T09:05:07Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2023-06-01T09:05:07.5Z"] {
            var bytes = TextBytes()
            bytes.appendUTC(time(text))
            bytes.append("|")
            bytes.appendLong(time(text))
            #expect(bytes.string == TimeText.utc(time(text)) + "|" + TimeText.long(time(text)))
        }
        // One buffer through times in and out of order, the same second twice, either side of the
        // epoch and past the four-digit years: each written as `TimeText.utc` writes it.
        let sequence = ["2023-06-01T09:05:07Z", "2023-06-01T09:05:07.9Z", "2023-06-01T09:05:08Z", "2023-06-01T09:05:07.1Z",
                        "1970-01-01T00:00:00Z"].map(time)
            + [Timestamp(microseconds: -1), Timestamp(microseconds: -1_000_000), Timestamp(microseconds: -1_000_001),
               Timestamp(microseconds: 253_402_300_800_000_000), Timestamp(microseconds: -62_135_596_800_000_001)]
        var written = TextBytes()
        for moment in sequence {
            written.appendUTC(moment)
            written.append("|")
        }
        #expect(written.string == sequence.map { TimeText.utc($0) + "|" }.joined())
        for (value, width) in [(0, 1), (7, 2), (42, 2), (123, 2), (5, 4), (12345, 4), (-5, 4), (-5, 2), (-5, 1)] {
            var bytes = TextBytes()
            bytes.appendDigits(value, width: width)
            let expected = width == 4 ? RFC3339.pad4(value) : width == 2 ? RFC3339.pad2(value) : String(value)
            #expect(bytes.string == expected, "\(value) in \(width)")
        }
    }

    /// `TimelineText.line` as it was written with Strings.
    static func referenceLine(_ entry: TimelineEntry, showID: Bool) -> String {
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
        }
        var line = TimeText.utc(entry.ts) + "  "
        if showID { line += pad(SafeText.escape(entry.id ?? "-"), 12) + "  " }
        line += pad(SafeText.escape(entry.actor ?? "-"), 12) + "  "
        line += pad(SafeText.escape(entry.kind.name), 10) + "  "
        if let detail = entry.detail { line += "[\(SafeText.escape(detail))] " }
        line += SafeText.escape(entry.text)
        if let original = entry.originalText { line += "  (amended; was: \(SafeText.escape(original)))" }
        return line
    }
}
