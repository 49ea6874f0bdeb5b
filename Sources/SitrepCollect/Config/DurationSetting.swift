/// Durations as a config file spells them: `250ms`, `5s`, `1m`, `1m30s`, `2h`.
public enum DurationSetting {
    private static let unitSeconds: [(suffix: String, seconds: Double)] = [
        ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600),
    ]

    /// A duration written back the way a config spells it: `2s`, `500ms`, `1m30s`.
    public static func text(_ duration: Duration) -> String {
        let milliseconds = Int((duration.seconds * 1000).rounded())
        guard milliseconds % 1000 == 0 else { return "\(milliseconds)ms" }
        let seconds = milliseconds / 1000
        let parts = [(seconds / 3600, "h"), (seconds % 3600 / 60, "m"), (seconds % 60, "s")].filter { $0.0 > 0 }
        return parts.isEmpty ? "0s" : parts.map { "\($0.0)\($0.1)" }.joined()
    }

    public static func parse(_ text: String) -> Duration? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard !rest.isEmpty else { return nil }
        var seconds = 0.0
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isNumber || $0 == "." }
            guard !digits.isEmpty, let number = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            // "ms" before "m": the longest unit that matches.
            guard let unit = unitSeconds.first(where: { rest.hasPrefix($0.suffix) && !startsUnit(rest.dropFirst($0.suffix.count)) })
            else { return nil }
            rest = rest.dropFirst(unit.suffix.count)
            seconds += number * unit.seconds
        }
        // A year is far more than any check needs, and keeps the conversion below in range.
        guard seconds <= 366 * 86_400 else { return nil }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    /// "ms" must not be read as "m" followed by garbage "s".
    private static func startsUnit(_ text: Substring) -> Bool {
        text.first.map { $0.isLetter } ?? false
    }
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

import Foundation
