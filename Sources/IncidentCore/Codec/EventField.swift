/// One optional field of the contract: its name in a line and where its value lives in
/// `Event.Fields`. The decoder and the encoder work from the table of these (EventFields.swift),
/// so a field declared there is read and written with no code of its own.
struct EventField: Sendable {
    /// The JSON type a line holds for the field, with the place of its value.
    enum Value: Sendable {
        case string(FieldSlot<String>)
        case time(FieldSlot<Timestamp>)
        case number(FieldSlot<Double>)
        case integer(FieldSlot<Int>)
    }

    /// A `StaticString`, not a `String`: with it the entry holds no reference, so handing one from
    /// the lookup table to the decoder for every field of every line costs no reference counting.
    let key: StaticString
    let value: Value

    /// The key as text, for messages and the lookup table.
    var name: String { key.description }

    init(_ key: StaticString, _ path: WritableKeyPath<Event.Fields, String?>) { self.init(key, .string(FieldSlot(path))) }
    init(_ key: StaticString, _ path: WritableKeyPath<Event.Fields, Timestamp?>) { self.init(key, .time(FieldSlot(path))) }
    init(_ key: StaticString, _ path: WritableKeyPath<Event.Fields, Double?>) { self.init(key, .number(FieldSlot(path))) }
    init(_ key: StaticString, _ path: WritableKeyPath<Event.Fields, Int?>) { self.init(key, .integer(FieldSlot(path))) }

    private init(_ key: StaticString, _ value: Value) {
        self.key = key
        self.value = value
    }
}

/// A stored property of `Event.Fields` reached by its byte offset, found once from its key path.
///
/// Why not the key path itself: a key path taken from a table is applied by the runtime, not
/// compiled to a store: in a release build, 8 million stores of field values took 3.1 s through key
/// paths and 0.9 s as plain stores. An offset is a plain load or store.
/// `MemoryLayout.offset(of:)` documents that access through the offset is the same as through
/// the key path, and it is nil for anything but a stored property, which the initialiser refuses.
struct FieldSlot<Wrapped>: Sendable {
    private let offset: Int

    init(_ path: WritableKeyPath<Event.Fields, Wrapped?>) {
        guard let offset = MemoryLayout<Event.Fields>.offset(of: path) else {
            preconditionFailure("Event.Fields: \(path) is not a stored property")
        }
        self.offset = offset
    }

    @inline(__always)
    func get(_ fields: Event.Fields) -> Wrapped? {
        withUnsafeBytes(of: fields) { bytes in
            bytes.baseAddress!.advanced(by: offset).assumingMemoryBound(to: Wrapped?.self).pointee
        }
    }

    @inline(__always)
    func set(_ fields: inout Event.Fields, _ value: Wrapped?) {
        withUnsafeMutableBytes(of: &fields) { bytes in
            bytes.baseAddress!.advanced(by: offset).assumingMemoryBound(to: Wrapped?.self).pointee = value
        }
    }
}
