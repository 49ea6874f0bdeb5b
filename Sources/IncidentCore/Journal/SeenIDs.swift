/// Which line first used each event id, for `verify`'s "already used" check over a million ids.
///
/// A `[String: Int]` spent a fifth of verify's time hashing, probing and growing, on the one
/// thread that follows the chain. The ids sitrep writes are 12 ASCII characters, so an id of up
/// to 15 bytes is kept as two machine words (its bytes and its length) in an open-addressing
/// table; a longer id (another tool's) goes to a dictionary. The table's hash is seeded for each
/// process, so ids written to collide cannot make it crawl.
struct SeenIDs {
    private struct Slot {
        var low: UInt64 = 0
        /// Zero: empty. A stored key's last byte holds its length with the top bit set.
        var high: UInt64 = 0
        var line = 0
    }

    private var slots = [Slot](repeating: Slot(), count: 1 << 10)
    private var count = 0
    private var longIDs: [String: Int] = [:]
    private let seed: (UInt64, UInt64)

    init() {
        var random = SystemRandomNumberGenerator()
        seed = (random.next(), random.next())
    }

    /// Records `id` as used on `line`, unless a line before used it: then that line's number.
    mutating func firstUse(of id: String, onLine line: Int) -> Int? {
        var id = id
        guard let (low, high) = id.withUTF8(Self.packed) else {
            if let first = longIDs[id] { return first }
            longIDs[id] = line
            return nil
        }
        var index = slotIndex(low, high)
        while slots[index].high != 0 {
            if slots[index].low == low && slots[index].high == high { return slots[index].line }
            index = (index + 1) & (slots.count - 1)
        }
        slots[index] = Slot(low: low, high: high, line: line)
        count += 1
        if count * 2 > slots.count { grow() }
        return nil
    }

    /// Bytes 0 to 14 of the id, then its length with the top bit set; nil past 15 bytes.
    private static func packed(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        guard bytes.count <= 15 else { return nil }
        var words: (UInt64, UInt64) = (0, UInt64(0x80 | bytes.count) << 56)
        for (index, byte) in bytes.enumerated() {
            if index < 8 { words.0 |= UInt64(byte) << (8 * UInt64(index)) } else { words.1 |= UInt64(byte) << (8 * UInt64(index - 8)) }
        }
        return words
    }

    private func slotIndex(_ low: UInt64, _ high: UInt64) -> Int {
        var hash = (low ^ seed.0) &* 0x9E37_79B9_7F4A_7C15
        hash ^= (high ^ seed.1) &* 0xC2B2_AE3D_27D4_EB4F
        hash = (hash ^ (hash >> 31)) &* 0xD6E8_FEB8_6659_FD93
        hash ^= hash >> 32
        return Int(truncatingIfNeeded: hash) & (slots.count - 1)
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        for slot in old where slot.high != 0 {
            var index = slotIndex(slot.low, slot.high)
            while slots[index].high != 0 { index = (index + 1) & (slots.count - 1) }
            slots[index] = slot
        }
    }
}
