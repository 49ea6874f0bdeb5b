/// Text from journals, alerts and metrics is untrusted. Before it reaches a terminal, every
/// character that could move the cursor, change colours, rewrite the line or reorder what is
/// shown is replaced by a visible escape: `\e`, `\r`, `\b`, `\n`, `\t`, `\x07`, `\u{202E}`.
public enum SafeText {
    public static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                result.append(contentsOf: visibleForm(of: scalar).unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Untrusted text for a message: in double quotes, escaped, and cut to `limit` Unicode
    /// scalars with "…" where it was cut, so one bad line cannot flood an error.
    public static func quoted(_ text: some StringProtocol, limit: Int = 60) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return "\"" + escape(String(text)) + "\"" }
        var cut = String.UnicodeScalarView()
        cut.append(contentsOf: scalars.prefix(limit))
        return "\"" + escape(String(cut)) + "…\""
    }

    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true          // C0, DEL, C1 (CSI 0x9B among them)
        case 0x061C, 0x200E, 0x200F: return true            // bidi marks
        case 0x202A...0x202E, 0x2066...0x2069: return true  // bidi embeddings, overrides, isolates
        case 0x2028, 0x2029: return true                    // line and paragraph separators
        default: return false
        }
    }

    private static func visibleForm(of scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x1B: return "\\e"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0x08: return "\\b"
        case 0x00...0x7F: return "\\x" + hex(scalar.value, width: 2)
        default: return "\\u{" + hex(scalar.value, width: 4) + "}"
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
