/// What a key of a line names: one of the two required members, or a field of the schema.
enum FieldName: Sendable {
    case ts, kind
    case field(EventField)

    static let table = ShortNameTable(
        [("ts", FieldName.ts), ("kind", FieldName.kind)] + EventField.all.map { ($0.name, FieldName.field($0)) }
    )

    static func lookup(_ key: UnsafeRawBufferPointer) -> FieldName? { table.lookup(key) }
}

extension EventKind {
    static let byName: [String: EventKind] = Dictionary(uniqueKeysWithValues: known.map { ($0.name, $0) })

    static let nameTable = ShortNameTable(known.map { ($0.name, $0) })

    /// The kind named by raw UTF-8, without building a String for the known ones.
    static func lookup(_ name: UnsafeRawBufferPointer) -> EventKind {
        nameTable.lookup(name) ?? .other(String(decoding: name, as: UTF8.self))
    }
}
