/// TOMLKit says where a syntax error is, but not where a table or key that parsed fine came from.
/// A config error should still name a line, so this finds it in the text the way a reader would:
/// the n-th `[[pool]]` header, then the first `key =` after it.
struct ConfigLineFinder {
    private let lines: [Substring]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The line of the `index`-th (0-based) `[[name]]` or `[name]` header.
    func header(_ name: String, index: Int = 0) -> Int? {
        var seen = 0
        for (number, line) in lines.enumerated() {
            // A header line holds no strings, so anything after `#` is a comment.
            let header = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let trimmed = header.trimmingCharacters(in: .whitespaces)
            guard trimmed == "[[\(name)]]" || trimmed == "[\(name)]" else { continue }
            if seen == index { return number + 1 }
            seen += 1
        }
        return nil
    }

    /// The line of `key = ...` in the section whose header is on `sectionLine`, or at the top of
    /// the file when nil; the section's own header line when the key is not there.
    func key(_ key: String, inSectionAt sectionLine: Int?) -> Int? {
        // A 1-based header line is also the 0-based index of the line after it.
        for index in (sectionLine ?? 0)..<lines.count {
            let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("[") { break }
            guard trimmed.hasPrefix(key) else { continue }
            let after = trimmed.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }
            if after.hasPrefix("=") { return index + 1 }
        }
        return sectionLine
    }
}

import Foundation
