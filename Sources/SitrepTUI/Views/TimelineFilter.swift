#if canImport(Glibc)
import Glibc
#endif
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

    /// The search text's needle: the filter's ASCII bytes, lowercased; nil for no filter. A 0 byte
    /// separates the search text's fields, so a filter holding one is compared field by field.
    var searchNeedle: [UInt8]? {
        asciiNeedle.flatMap { $0.isEmpty || $0.contains(0) ? nil : $0 }
    }

    /// The positions in `entries` (among `candidates`, else the first `limit`) whose text, actor,
    /// kind or detail holds the filter. With `searchText` covering them, a filter of ASCII
    /// characters is looked for there; otherwise a long timeline's halves are looked at on both cores.
    func matching(in entries: [TimelineEntry], among candidates: [Int]?, limit: Int,
                  searchText: TimelineSearchText? = nil) -> [Int] {
        if let searchNeedle, let searchText, searchText.count >= limit {
            return matching(in: entries, among: candidates, limit: limit, searchText: searchText, needle: searchNeedle)
        }
        let count = candidates?.count ?? limit
        guard count >= Self.splitFrom else { return matching(in: entries, among: candidates, 0..<count) }
        let middle = count / 2
        var first: [Int] = []
        let second = BothCores.run({ first = matching(in: entries, among: candidates, 0..<middle) },
                                   alongside: { [self] in matching(in: entries, among: candidates, middle..<count) })
        return first + second
    }

    /// The search text's answer, with its unusual entries (a Kelvin sign, a dotted capital I)
    /// decided by comparing their fields here, as every entry once was.
    private func matching(in entries: [TimelineEntry], among candidates: [Int]?, limit: Int,
                          searchText: TimelineSearchText, needle: [UInt8]) -> [Int] {
        var found = candidates.map { searchText.entries(holding: needle, among: $0) }
            ?? searchText.entries(holding: needle, limit: limit)
        let unusual = searchText.unusualEntries.filter { position in
            position < limit && (candidates.map { Self.sortedContains($0, position) } ?? true)
        }
        guard !unusual.isEmpty else { return found }
        let decideHere = Set(unusual)
        found.removeAll { decideHere.contains($0) }
        entries.withUnsafeBufferPointer { entries in found += unusual.filter { matches(entries, $0) } }
        return found.sorted()
    }

    private static func sortedContains(_ sorted: [Int], _ value: Int) -> Bool {
        var (low, high) = (0, sorted.count)
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == value
    }

    /// Below this many positions one thread is quicker than starting another.
    static let splitFrom = 50_000

    /// The matching positions among `part` of the candidates (else of the positions). Reads the
    /// fields in place: copying each entry out of the array cost more than searching it.
    private func matching(in entries: [TimelineEntry], among candidates: [Int]?, _ part: Range<Int>) -> [Int] {
        entries.withUnsafeBufferPointer { entries in
            if let candidates { return candidates[part].filter { matches(entries, $0) } }
            return part.filter { matches(entries, $0) }
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
        if haystack.count >= Self.longField { return searchLong(haystack, for: needle) }
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

    /// From this length a field is searched with `memchr`, whose word-at-a-time scan beats a
    /// byte loop once the call is paid for: a filter keystroke that matches nothing reads every
    /// byte of every entry's text.
    private static let longField = 24

    /// `search` for a long field: only where the needle's first byte stands, in either case, is the
    /// rest compared; the two characters that lowercase into ASCII are looked for only when that
    /// found nothing.
    private static func searchLong(_ haystack: UnsafeBufferPointer<UInt8>, for needle: [UInt8]) -> Bool? {
        let base = haystack.baseAddress!
        let first = needle[0]
        let upperFirst = first >= 0x61 && first <= 0x7A ? first - 0x20 : first
        let lastStart = haystack.count - needle.count
        var start = 0
        while start <= lastStart {
            let candidate = min(next(first, in: base, from: start, through: lastStart),
                                first == upperFirst ? Int.max : next(upperFirst, in: base, from: start, through: lastStart))
            guard candidate <= lastStart else { break }
            var matched = 1
            while matched < needle.count, lower(haystack[candidate + matched]) == needle[matched] { matched += 1 }
            if matched == needle.count { return true }
            start = candidate + 1
        }
        let kelvin = next(0xE2, in: base, from: 0, through: haystack.count - 1)
        let dottedI = next(0xC4, in: base, from: 0, through: haystack.count - 1)
        let firstLead = min(kelvin, dottedI)
        guard firstLead < haystack.count else { return false }
        // Arrows in markers share the Kelvin sign's lead byte: look on from the first lead only.
        return (firstLead..<haystack.count).contains { lowersIntoASCII(haystack, at: $0) } ? nil : false
    }

    /// Where `byte` next stands at or after `start`, up to `last`; `Int.max` when nowhere.
    private static func next(_ byte: UInt8, in base: UnsafePointer<UInt8>, from start: Int, through last: Int) -> Int {
        guard start <= last, let found = memchr(base + start, Int32(byte), last - start + 1) else { return Int.max }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
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
