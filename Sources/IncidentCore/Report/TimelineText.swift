/// One timeline entry as one line of plain text, for `sitrep timeline` and logs:
/// `2023-06-01 09:15:00Z  monitoring    alert       [web critical] p99 above 5 s`.
/// Journal text is escaped, so a line never carries a raw control character.
public enum TimelineText {
    public static func line(_ entry: TimelineEntry, showID: Bool = false) -> String {
        var text = TextBytes()
        append(entry, showID: showID, to: &text)
        return text.string
    }

    /// The same line added to `text`, for printing a whole timeline without a String per line.
    package static func append(_ entry: TimelineEntry, showID: Bool = false, to text: inout TextBytes) {
        text.appendUTC(entry.ts)
        text.append("  ")
        if showID {
            text.appendEscaped(entry.id ?? "-", paddedTo: 12)
            text.append("  ")
        }
        text.appendEscaped(entry.actor ?? "-", paddedTo: 12)
        text.append("  ")
        text.appendEscaped(entry.kind.name, paddedTo: 10)
        text.append("  ")
        if let detail = entry.detail {
            text.append("[")
            text.appendEscaped(detail)
            text.append("] ")
        }
        text.appendEscaped(entry.text)
        if let original = entry.originalText {
            text.append("  (amended; was: ")
            text.appendEscaped(original)
            text.append(")")
        }
    }
}
