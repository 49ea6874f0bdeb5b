import IncidentCore

/// The timeline filter as typed, matched case-insensitively without making a lowercased copy of
/// each field: a timeline can hold hundreds of thousands of entries, and a keystroke in the filter
/// must answer within a frame.
struct TimelineFilter {
    let text: String
    private let lowered: String
    /// The lowered needle's bytes when it is all ASCII: matched byte by byte.
    private let asciiNeedle: [UInt8]?

    init(_ text: String) {
        self.text = text
        lowered = text.lowercased()
        let bytes = Array(lowered.utf8)
        asciiNeedle = bytes.allSatisfy { $0 < 0x80 } ? bytes : nil
    }

    var isEmpty: Bool { text.isEmpty }

    /// The positions in `entries` (among `candidates`, else all of them) whose text, actor, kind or
    /// detail holds the filter. Reads the fields in place: copying each entry out of the array
    /// cost more than searching it.
    func matching(in entries: [TimelineEntry], among candidates: [Int]?, limit: Int) -> [Int] {
        entries.withUnsafeBufferPointer { entries in
            if let candidates { return candidates.filter { matches(entries, $0) } }
            return (0..<limit).filter { matches(entries, $0) }
        }
    }

    private func matches(_ entries: UnsafeBufferPointer<TimelineEntry>, _ index: Int) -> Bool {
        isFound(in: entries[index].text) || isFound(in: entries[index].actor)
            || isFound(in: entries[index].kind.name) || isFound(in: entries[index].detail)
    }

    private func isFound(in haystack: String?) -> Bool {
        guard let haystack else { return false }
        if let asciiNeedle, let found = haystack.utf8.withContiguousStorageIfAvailable({ Self.search($0, for: asciiNeedle) }),
           let sure = found {
            return sure
        }
        // A needle or a field beyond ASCII: Unicode's own lowercasing, as the filter always had.
        return haystack.lowercased().contains(lowered)
    }

    /// True or false when the answer is sure; nil when `haystack` holds one of the two characters
    /// that lowercase into ASCII (the Kelvin sign becomes k, the dotted capital I an i and a dot)
    /// and no match was found: Unicode's lowercasing decides then. Other non-ASCII text (an arrow
    /// in a marker, an accented name) cannot take part in an ASCII match either way.
    private static func search(_ haystack: UnsafeBufferPointer<UInt8>, for needle: [UInt8]) -> Bool? {
        let count = needle.count
        guard count > 0 else { return true }
        var lowersIntoASCII = false
        var start = 0
        while start < haystack.count {
            let byte = haystack[start]
            if byte >= 0x80 { lowersIntoASCII = lowersIntoASCII || Self.lowersIntoASCII(haystack, at: start) }
            if start + count <= haystack.count, lower(byte) == needle[0] {
                var matched = 1
                while matched < count, lower(haystack[start + matched]) == needle[matched] { matched += 1 }
                if matched == count { return true }
            }
            start += 1
        }
        return lowersIntoASCII ? nil : false
    }

    /// U+212A KELVIN SIGN (E2 84 AA) or U+0130 LATIN CAPITAL LETTER I WITH DOT ABOVE (C4 B0).
    private static func lowersIntoASCII(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        switch bytes[index] {
        case 0xE2: index + 2 < bytes.count && bytes[index + 1] == 0x84 && bytes[index + 2] == 0xAA
        case 0xC4: index + 1 < bytes.count && bytes[index + 1] == 0xB0
        default: false
        }
    }

    @inline(__always) private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// A filter that can only keep fewer entries than `other` (it extends it).
    func narrows(_ other: TimelineFilter) -> Bool {
        !other.isEmpty && lowered.hasPrefix(other.lowered)
    }
}
