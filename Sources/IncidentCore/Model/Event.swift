/// One line of the journal. `ts` and `kind` are properties of their own; every other field of the
/// contract is declared once in `Event.Fields` (EventFields.swift) and read as `event.service`,
/// `event.inUse`... Fields the contract does not name are kept in `extra`, in file order, so nothing
/// another tool wrote is dropped.
///
/// A value type whose fields live in one shared, copy-on-write box: an event passes through the
/// decoder, the reader and the fold, and copying thirty optional fields at every step cost more
/// than parsing the line. Copies now share the box until one of them is changed.
@dynamicMemberLookup
public struct Event: Equatable, Sendable {
    public var ts: Timestamp
    public var kind: EventKind
    @usableFromInline var storage: Storage

    public init(ts: Timestamp, kind: EventKind, actor: String? = nil, text: String? = nil) {
        var fields = Fields()
        fields.actor = actor
        fields.text = text
        self.init(ts: ts, kind: kind, fields: fields, extra: [])
    }

    init(ts: Timestamp, kind: EventKind, fields: Fields, extra: [ExtraField]) {
        self.init(ts: ts, kind: kind, storage: Storage(fields: fields, extra: extra))
    }

    /// Around storage the decoder has filled in place.
    init(ts: Timestamp, kind: EventKind, storage: Storage) {
        self.ts = ts
        self.kind = kind
        self.storage = storage
    }

    /// `event.service`, `event.inUse`...: the properties of `Event.Fields`.
    /// Inlinable, here and in the other modules: at each use the key path is a literal, which the
    /// optimiser turns into a plain read of one property instead of a key path applied at run time.
    @inlinable @inline(__always)
    public subscript<Value>(dynamicMember field: WritableKeyPath<Fields, Value>) -> Value {
        get { storage.fields[keyPath: field] }
        set { mutableStorage.fields[keyPath: field] = newValue }
    }

    /// All declared fields at once, for the codec.
    var fields: Fields {
        get { storage.fields }
        set { mutableStorage.fields = newValue }
    }

    public var extra: [ExtraField] {
        get { storage.extra }
        set { mutableStorage.extra = newValue }
    }

    /// An extra field's value by key (the first, should a writer repeat the key).
    public func extraValue(_ key: String) -> JSONValue? {
        extra.first { $0.key == key }?.value
    }

    public struct ExtraField: Equatable, Sendable {
        public var key: String
        public var value: JSONValue
        public init(key: String, value: JSONValue) { self.key = key; self.value = value }
    }

    /// A mitigation without `state` counts as applied (the contract's default).
    public var mitigationState: MitigationState? {
        guard kind == .mitigation else { return nil }
        guard let state = self.state else { return .applied }
        return MitigationState(rawValue: state)
    }

    @usableFromInline var mutableStorage: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            return storage
        }
    }

    public static func == (lhs: Event, rhs: Event) -> Bool {
        lhs.ts == rhs.ts && lhs.kind == rhs.kind && (lhs.storage === rhs.storage || lhs.storage.isEqual(to: rhs.storage))
    }

    // Shared only between copies of one Event, and never mutated while shared.
    @usableFromInline final class Storage: @unchecked Sendable {
        // Unchecked: a box is changed only by its one owner (the decoder filling it, or
        // `mutableStorage` after a copy), never during another access to it. The run-time check of
        // every read, with those of `ParallelLines.LineBatch`, was 4% of the instructions of a whole read.
        @exclusivity(unchecked) @usableFromInline var fields: Fields
        @exclusivity(unchecked) var extra: [ExtraField]

        init() {
            fields = Fields()
            extra = []
        }

        @usableFromInline init(fields: Fields, extra: [ExtraField]) {
            self.fields = fields
            self.extra = extra
        }

        @usableFromInline func copy() -> Storage { Storage(fields: fields, extra: extra) }

        func isEqual(to other: Storage) -> Bool { fields == other.fields && extra == other.extra }
    }
}
