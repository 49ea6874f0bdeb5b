/// What a key of a line names: one of the two required members, or a field of the schema.
enum FieldName {
    case ts, kind
    case field(EventField)

    private static let table = WordTable(
        [("ts", FieldName.ts), ("kind", FieldName.kind)] + EventField.all.map { ($0.name, FieldName.field($0)) }
    )

    static func lookup(_ key: UnsafeRawBufferPointer) -> FieldName? { table.lookup(key) }
}

/// Finds a name among a few dozen by comparing machine words, not bytes: keys are grouped by
/// length and stored as their first eight bytes, so most lookups are one or two integer compares.
struct WordTable<Value: Sendable>: Sendable {
    private struct Candidate: Sendable {
        let head: UInt64
        let bytes: [UInt8]
        let value: Value
    }

    private let byLength: [[Candidate]]

    init(_ entries: [(String, Value)]) {
        let longest = entries.map { $0.0.utf8.count }.max() ?? 0
        var table = [[Candidate]](repeating: [], count: longest + 1)
        for (name, value) in entries {
            let bytes = Array(name.utf8)
            let head = bytes.withUnsafeBytes { Self.head(of: $0) }
            table[bytes.count].append(Candidate(head: head, bytes: bytes, value: value))
        }
        byLength = table
    }

    func lookup(_ key: UnsafeRawBufferPointer) -> Value? {
        guard key.count < byLength.count else { return nil }
        let head = Self.head(of: key)
        for candidate in byLength[key.count] where candidate.head == head {
            if key.count <= 8 || candidate.bytes.withUnsafeBytes({ $0.elementsEqual(key) }) { return candidate.value }
        }
        return nil
    }

    /// The first eight bytes (fewer for a shorter key, the rest zero) as one integer.
    @inline(__always)
    static func head(of bytes: UnsafeRawBufferPointer) -> UInt64 {
        if bytes.count >= 8 { return bytes.loadUnaligned(as: UInt64.self) }
        var word: UInt64 = 0
        for index in 0..<bytes.count { word |= UInt64(bytes[index]) << (8 * UInt64(index)) }
        return word
    }
}

extension EventKind {
    static let byName: [String: EventKind] = Dictionary(uniqueKeysWithValues: known.map { ($0.name, $0) })

    private static let nameTable = WordTable(known.map { ($0.name, $0) })

    /// The kind named by raw UTF-8, without building a String for the known ones.
    static func lookup(_ name: UnsafeRawBufferPointer) -> EventKind {
        nameTable.lookup(name) ?? .other(String(decoding: name, as: UTF8.self))
    }
}
