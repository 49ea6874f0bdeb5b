#if canImport(Glibc)
import Glibc
#endif
import IncidentCore

/// Every timeline entry's searchable fields (text, actor, kind, detail), lowercased, in one
/// buffer: a filter keystroke is then one `memchr` sweep over a few megabytes instead of a look
/// into each of hundreds of thousands of entries' strings. Made the first time the filter is used,
/// extended as entries are added at the end of the timeline, made again when its revision says an
/// entry already covered changed.
struct TimelineSearchText {
    /// Entry `i`'s fields are `bytes[starts[i]..<starts[i + 1]]`, each followed by a 0 byte: a typed
    /// filter holds none, so no match runs from one field, or one entry, into the next.
    private var bytes: [UInt8] = []
    private var starts: [UInt32] = [0]
    /// Entries holding a character that Unicode lowercases into ASCII (the Kelvin sign, the dotted
    /// capital I): whether they match is left to `TimelineFilter`'s own comparison, as before.
    private(set) var unusualEntries: [Int] = []
    private var revision: TimelineRevision?

    /// How many of the timeline's first entries are covered.
    var count: Int { starts.count - 1 }

    /// Covers all of `timeline`, whose revision is `revision`: only entries added since are read,
    /// unless the timeline is another one or was edited, when all are. False when the text would
    /// not fit (beyond 4 GB), and nothing is covered.
    mutating func cover(_ timeline: [TimelineEntry], revision: TimelineRevision) -> Bool {
        if revision != self.revision || timeline.count < count { self = TimelineSearchText(); self.revision = revision }
        guard count < timeline.count else { return true }
        let part = Self.part(of: timeline, count..<timeline.count)
        guard bytes.count + part.bytes.count <= Int(UInt32.max) else { self = TimelineSearchText(); return false }
        let offset = UInt32(bytes.count)
        if bytes.isEmpty { bytes = part.bytes } else { bytes.append(contentsOf: part.bytes) }
        starts.append(contentsOf: part.ends.lazy.map { $0 + offset })
        unusualEntries.append(contentsOf: part.unusual)
        return true
    }

    // MARK: Searching

    /// The positions among the first `limit` entries whose fields hold `needle` (lowercase ASCII
    /// bytes, no 0), ascending; the caller decides the unusual entries again. A long timeline's
    /// halves are swept on both cores.
    func entries(holding needle: [UInt8], limit: Int) -> [Int] {
        precondition(limit <= count)
        guard limit >= Self.splitFrom else { return entries(holding: needle, in: 0..<limit) }
        var first: [Int] = []
        let second = BothCores.run({ first = entries(holding: needle, in: 0..<limit / 2) },
                                   alongside: { [self] in entries(holding: needle, in: limit / 2..<limit) })
        return first + second
    }

    /// The positions among `candidates` (ascending, each below `count`) whose fields hold `needle`.
    func entries(holding needle: [UInt8], among candidates: [Int]) -> [Int] {
        guard candidates.count >= Self.splitFrom else { return entries(holding: needle, among: candidates[...]) }
        let middle = candidates.count / 2
        var first: [Int] = []
        let second = BothCores.run({ first = entries(holding: needle, among: candidates[..<middle]) },
                                   alongside: { [self] in entries(holding: needle, among: candidates[middle...]) })
        return first + second
    }

    /// One sweep over the bytes of the entries in `range`: to the next match, then on from the end
    /// of the entry it is in.
    private func entries(holding needle: [UInt8], in range: Range<Int>) -> [Int] {
        bytes.withUnsafeBufferPointer { bytes in
            starts.withUnsafeBufferPointer { starts in
                var found: [Int] = []
                var entry = range.lowerBound
                var from = Int(starts[range.lowerBound])
                let end = Int(starts[range.upperBound])
                while let at = Self.find(needle, in: bytes, from: from, to: end) {
                    entry = Self.entry(holding: at, in: starts, from: entry)
                    found.append(entry)
                    from = Int(starts[entry + 1])
                    entry += 1
                }
                return found
            }
        }
    }

    private func entries(holding needle: [UInt8], among candidates: ArraySlice<Int>) -> [Int] {
        bytes.withUnsafeBufferPointer { bytes in
            starts.withUnsafeBufferPointer { starts in
                candidates.filter { Self.find(needle, in: bytes, from: Int(starts[$0]), to: Int(starts[$0 + 1])) != nil }
            }
        }
    }

    /// Where `needle` first stands wholly within `from..<to`: `memchr` to each of its first byte,
    /// then the rest compared.
    private static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let lastStart = to - needle.count
        return needle.withUnsafeBufferPointer { needle in
            var start = from
            while start <= lastStart {
                guard let hit = memchr(base + start, Int32(needle[0]), lastStart - start + 1) else { return nil }
                let at = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                if needle.count == 1 || memcmp(base + at + 1, needle.baseAddress! + 1, needle.count - 1) == 0 { return at }
                start = at + 1
            }
            return nil
        }
    }

    /// The entry whose bytes hold `position`, looking from entry `first` on: a gallop, then halving,
    /// so a sweep that finds few matches far apart does not walk every entry in between.
    private static func entry(holding position: Int, in starts: UnsafeBufferPointer<UInt32>, from first: Int) -> Int {
        var low = first
        var step = 1
        var high = first + step
        while high < starts.count - 1, Int(starts[high]) <= position {
            low = high
            step *= 2
            high = min(first + step, starts.count - 1)
        }
        while high - low > 1 {
            let middle = (low + high) / 2
            if Int(starts[middle]) <= position { low = middle } else { high = middle }
        }
        return low
    }

    // MARK: Making

    /// The fields of some entries, lowercased: ASCII byte by byte, anything else by Unicode's
    /// lowercasing of the whole field.
    private struct Part: Sendable {
        var bytes: [UInt8] = []
        /// Each entry's end, from the start of `bytes`.
        var ends: [UInt32] = []
        var unusual: [Int] = []
    }

    /// A long range is lowercased on both cores, in halves joined in order.
    private static func part(of timeline: [TimelineEntry], _ range: Range<Int>) -> Part {
        guard range.count >= splitFrom else { return lowercased(timeline, range) }
        let middle = range.lowerBound + range.count / 2
        var first = Part()
        let second = BothCores.run({ first = lowercased(timeline, range.lowerBound..<middle) },
                                   alongside: { lowercased(timeline, middle..<range.upperBound) })
        let offset = UInt32(first.bytes.count)
        first.bytes.append(contentsOf: second.bytes)
        first.ends.append(contentsOf: second.ends.lazy.map { $0 + offset })
        first.unusual.append(contentsOf: second.unusual)
        return first
    }

    /// Below this many entries one thread is quicker than starting another.
    static let splitFrom = 50_000

    private static func lowercased(_ timeline: [TimelineEntry], _ range: Range<Int>) -> Part {
        var part = Part()
        part.ends.reserveCapacity(range.count)
        part.bytes.reserveCapacity(range.count * 48)
        timeline.withUnsafeBufferPointer { timeline in
            for index in range {
                var unusual = append(timeline[index].text, to: &part.bytes)
                if let actor = timeline[index].actor { unusual = append(actor, to: &part.bytes) || unusual }
                unusual = append(timeline[index].kind.name, to: &part.bytes) || unusual
                if let detail = timeline[index].detail { unusual = append(detail, to: &part.bytes) || unusual }
                if unusual { part.unusual.append(index) }
                part.ends.append(UInt32(truncatingIfNeeded: part.bytes.count))
            }
        }
        return part
    }

    /// Appends `field` lowercased and a 0 byte; true when it holds a character that lowercases
    /// into ASCII.
    private static func append(_ field: String, to bytes: inout [UInt8]) -> Bool {
        let start = bytes.count
        let copied = field.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) } != nil
        if copied, lowercaseASCII(&bytes, from: start) {
            bytes.append(0)
            return false
        }
        bytes.removeSubrange(start...)
        bytes.append(contentsOf: field.lowercased().utf8)
        bytes.append(0)
        return field.unicodeScalars.contains { $0 == "\u{212A}" || $0 == "\u{0130}" }
    }

    /// Lowercases the ASCII letters from `start` on, in place; false, changing nothing, when a
    /// byte is beyond ASCII. Two passes without early exits, which the compiler vectorizes.
    private static func lowercaseASCII(_ bytes: inout [UInt8], from start: Int) -> Bool {
        bytes.withUnsafeMutableBufferPointer { bytes in
            var seen: UInt8 = 0
            for index in start..<bytes.count { seen |= bytes[index] }
            guard seen < 0x80 else { return false }
            for index in start..<bytes.count {
                let byte = bytes[index]
                bytes[index] = byte &- 0x41 < 26 ? byte | 0x20 : byte
            }
            return true
        }
    }
}
