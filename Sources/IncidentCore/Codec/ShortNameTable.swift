/// Finds one of a few dozen names of up to 16 bytes (the journal's keys, its kinds) from raw bytes.
///
/// Every key of every line is looked up, so a lookup must cost a few integer operations: the key
/// is read as two machine words, hashed, and compared with one slot, rarely two. The slots live in
/// memory allocated once and never freed (the tables are static, as long-lived as the program),
/// so a lookup touches no reference count; an array of arrays, as before, retained and released
/// its buffers on every key.
struct ShortNameTable<Value: Sendable>: @unchecked Sendable {
    // Unchecked: the slots are written only by `init` and only read after it.
    private struct Slot {
        var head: UInt64 = 0
        var tail: UInt64 = 0
        /// 0 marks an empty slot: no name is empty.
        var length = 0
        var value: Value?
    }

    static var longestName: Int { 16 }
    private static var slotCount: Int { 128 }
    private let slots: UnsafeMutablePointer<Slot>

    init(_ entries: [(String, Value)]) {
        precondition(entries.count <= Self.slotCount / 2, "ShortNameTable: too many names for its slots")
        slots = .allocate(capacity: Self.slotCount)
        slots.initialize(repeating: Slot(), count: Self.slotCount)
        for (name, value) in entries {
            let bytes = Array(name.utf8)
            precondition((1...Self.longestName).contains(bytes.count), "ShortNameTable: \(name) is empty or too long")
            let (head, tail) = bytes.withUnsafeBytes { Self.words($0.baseAddress!, count: $0.count, readable: $0.count) }
            var index = Self.slot(head, tail, bytes.count)
            while slots[index].length != 0 { index = (index + 1) & (Self.slotCount - 1) }
            slots[index] = Slot(head: head, tail: tail, length: bytes.count, value: value)
        }
    }

    func lookup(_ key: UnsafeRawBufferPointer) -> Value? {
        guard let start = key.baseAddress else { return nil }
        return lookup(start, count: key.count, readable: key.count)
    }

    /// The name `count` bytes long at `start`. `readable` bytes from `start` may be read (at least
    /// `count`): where eight are, a word is loaded at once instead of byte by byte.
    @inline(__always)
    func lookup(_ start: UnsafeRawPointer, count: Int, readable: Int) -> Value? {
        guard count > 0, count <= Self.longestName else { return nil }
        let (head, tail) = Self.words(start, count: count, readable: readable)
        var index = Self.slot(head, tail, count)
        while true {
            let slot = slots + index
            if slot.pointee.length == count, slot.pointee.head == head, slot.pointee.tail == tail { return slot.pointee.value }
            if slot.pointee.length == 0 { return nil }
            index = (index + 1) & (Self.slotCount - 1)
        }
    }

    @inline(__always)
    private static func slot(_ head: UInt64, _ tail: UInt64, _ count: Int) -> Int {
        let mixed = (head ^ (tail &* 0x0000_0100_0000_01B3) ^ UInt64(count)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 57)  // the top 7 bits: 128 slots
    }

    /// Bytes 0..<8 and 8..<16 of the name as two integers, zero past its end.
    @inline(__always)
    private static func words(_ start: UnsafeRawPointer, count: Int, readable: Int) -> (UInt64, UInt64) {
        let head = word(start, count: Swift.min(count, 8), readable: readable)
        let tail = count > 8 ? word(start + 8, count: count - 8, readable: readable - 8) : 0
        return (head, tail)
    }

    @inline(__always)
    private static func word(_ start: UnsafeRawPointer, count: Int, readable: Int) -> UInt64 {
        if readable >= 8 {
            let word = UInt64(littleEndian: start.loadUnaligned(as: UInt64.self))
            return count == 8 ? word : word & ((1 << (8 * UInt64(count))) - 1)
        }
        var word: UInt64 = 0
        for index in 0..<count { word |= UInt64(start.load(fromByteOffset: index, as: UInt8.self)) << (8 * UInt64(index)) }
        return word
    }
}
