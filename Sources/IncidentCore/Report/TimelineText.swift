/// One timeline entry as one line of plain text, for `sitrep timeline` and logs:
/// `2023-06-01 09:15:00Z  monitoring    alert       [web critical] p99 above 5 s`.
/// Journal text is escaped, so a line never carries a raw control character.
public enum TimelineText {
    public static func line(_ entry: TimelineEntry, showID: Bool = false) -> String {
        var line = TimeText.utc(entry.ts) + "  "
        if showID { line += pad(SafeText.escape(entry.id ?? "-"), 12) + "  " }
        line += pad(SafeText.escape(entry.actor ?? "-"), 12) + "  "
        line += pad(SafeText.escape(entry.kind.name), 10) + "  "
        if let detail = entry.detail { line += "[\(SafeText.escape(detail))] " }
        line += SafeText.escape(entry.text)
        if let original = entry.originalText { line += "  (amended; was: \(SafeText.escape(original)))" }
        return line
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
