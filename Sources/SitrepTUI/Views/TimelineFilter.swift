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

    func matches(_ entry: TimelineEntry) -> Bool {
        isFound(in: entry.text) || isFound(in: entry.actor ?? "") || isFound(in: entry.kind.name)
            || isFound(in: entry.detail ?? "")
    }

    func isFound(in haystack: String) -> Bool {
        if let asciiNeedle {
            var haystack = haystack
            if let found = haystack.withUTF8({ Self.search($0, for: asciiNeedle) }) { return found }
        }
        // A needle or a field beyond ASCII: Unicode's own lowercasing, as the filter always had.
        return haystack.lowercased().contains(lowered)
    }

    /// True or false when the answer is sure; nil when `haystack` holds non-ASCII bytes and no
    /// match was found (lowercasing those could still make one, as a Kelvin sign becomes a k).
    private static func search(_ haystack: UnsafeBufferPointer<UInt8>, for needle: [UInt8]) -> Bool? {
        let count = needle.count
        guard count > 0 else { return true }
        var sawNonASCII = false
        var start = 0
        while start < haystack.count {
            let byte = haystack[start]
            if byte >= 0x80 { sawNonASCII = true }
            if start + count <= haystack.count, lower(byte) == needle[0] {
                var matched = 1
                while matched < count, lower(haystack[start + matched]) == needle[matched] { matched += 1 }
                if matched == count { return true }
            }
            start += 1
        }
        return sawNonASCII ? nil : false
    }

    @inline(__always) private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// A filter that can only keep fewer entries than `other` (it extends it).
    func narrows(_ other: TimelineFilter) -> Bool {
        !other.isEmpty && lowered.hasPrefix(other.lowered)
    }
}
