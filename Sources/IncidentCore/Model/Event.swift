/// One line of the journal. Every field of the contract has a property; fields the contract does
/// not name are kept in `extra`, in file order, so nothing another tool wrote is dropped.
///
/// A value type whose fields live in one shared, copy-on-write box: an event passes through the
/// decoder, the reader and the fold, and copying thirty optional fields at every step cost more
/// than parsing the line. Copies now share the box until one of them is changed.
public struct Event: Equatable, Sendable {
    public var ts: Timestamp
    public var kind: EventKind
    private var storage: Storage

    public init(ts: Timestamp, kind: EventKind, actor: String? = nil, text: String? = nil) {
        self.ts = ts
        self.kind = kind
        self.storage = Storage()
        storage.actor = actor
        storage.text = text
    }

    public var actor: String? {
        get { storage.actor }
        set { mutableStorage.actor = newValue }
    }
    public var text: String? {
        get { storage.text }
        set { mutableStorage.text = newValue }
    }
    public var logged: Timestamp? {
        get { storage.logged }
        set { mutableStorage.logged = newValue }
    }
    public var id: String? {
        get { storage.id }
        set { mutableStorage.id = newValue }
    }
    public var prev: String? {
        get { storage.prev }
        set { mutableStorage.prev = newValue }
    }
    public var title: String? {
        get { storage.title }
        set { mutableStorage.title = newValue }
    }
    public var severity: String? {
        get { storage.severity }
        set { mutableStorage.severity = newValue }
    }
    public var impact: String? {
        get { storage.impact }
        set { mutableStorage.impact = newValue }
    }
    public var started: Timestamp? {
        get { storage.started }
        set { mutableStorage.started = newValue }
    }
    public var state: String? {
        get { storage.state }
        set { mutableStorage.state = newValue }
    }
    public var role: String? {
        get { storage.role }
        set { mutableStorage.role = newValue }
    }
    public var who: String? {
        get { storage.who }
        set { mutableStorage.who = newValue }
    }
    public var to: String? {
        get { storage.to }
        set { mutableStorage.to = newValue }
    }
    public var service: String? {
        get { storage.service }
        set { mutableStorage.service = newValue }
    }
    public var level: String? {
        get { storage.level }
        set { mutableStorage.level = newValue }
    }
    public var ref: String? {
        get { storage.ref }
        set { mutableStorage.ref = newValue }
    }
    public var owner: String? {
        get { storage.owner }
        set { mutableStorage.owner = newValue }
    }
    public var pool: String? {
        get { storage.pool }
        set { mutableStorage.pool = newValue }
    }
    public var latencyMs: Double? {
        get { storage.latencyMs }
        set { mutableStorage.latencyMs = newValue }
    }
    public var errorRate: Double? {
        get { storage.errorRate }
        set { mutableStorage.errorRate = newValue }
    }
    public var inUse: Int? {
        get { storage.inUse }
        set { mutableStorage.inUse = newValue }
    }
    public var max: Int? {
        get { storage.max }
        set { mutableStorage.max = newValue }
    }
    public var waiting: Int? {
        get { storage.waiting }
        set { mutableStorage.waiting = newValue }
    }
    public var idle: Int? {
        get { storage.idle }
        set { mutableStorage.idle = newValue }
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
        guard let state else { return .applied }
        return MitigationState(rawValue: state)
    }

    private var mutableStorage: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            return storage
        }
    }

    public static func == (lhs: Event, rhs: Event) -> Bool {
        lhs.ts == rhs.ts && lhs.kind == rhs.kind && (lhs.storage === rhs.storage || lhs.storage.isEqual(to: rhs.storage))
    }

    // Shared only between copies of one Event, and never mutated while shared.
    private final class Storage: @unchecked Sendable {
        var actor: String?
        var text: String?
        var logged: Timestamp?
        var id: String?
        var prev: String?
        var title: String?
        var severity: String?
        var impact: String?
        var started: Timestamp?
        var state: String?
        var role: String?
        var who: String?
        var to: String?
        var service: String?
        var level: String?
        var ref: String?
        var owner: String?
        var pool: String?
        var latencyMs: Double?
        var errorRate: Double?
        var inUse: Int?
        var max: Int?
        var waiting: Int?
        var idle: Int?
        var extra: [ExtraField] = []

        func copy() -> Storage {
            let copy = Storage()
            copy.actor = actor
            copy.text = text
            copy.logged = logged
            copy.id = id
            copy.prev = prev
            copy.title = title
            copy.severity = severity
            copy.impact = impact
            copy.started = started
            copy.state = state
            copy.role = role
            copy.who = who
            copy.to = to
            copy.service = service
            copy.level = level
            copy.ref = ref
            copy.owner = owner
            copy.pool = pool
            copy.latencyMs = latencyMs
            copy.errorRate = errorRate
            copy.inUse = inUse
            copy.max = max
            copy.waiting = waiting
            copy.idle = idle
            copy.extra = extra
            return copy
        }

        func isEqual(to rhs: Storage) -> Bool {
            let lhs = self
            return lhs.actor == rhs.actor
            && lhs.text == rhs.text
            && lhs.logged == rhs.logged
            && lhs.id == rhs.id
            && lhs.prev == rhs.prev
            && lhs.title == rhs.title
            && lhs.severity == rhs.severity
            && lhs.impact == rhs.impact
            && lhs.started == rhs.started
            && lhs.state == rhs.state
            && lhs.role == rhs.role
            && lhs.who == rhs.who
            && lhs.to == rhs.to
            && lhs.service == rhs.service
            && lhs.level == rhs.level
            && lhs.ref == rhs.ref
            && lhs.owner == rhs.owner
            && lhs.pool == rhs.pool
            && lhs.latencyMs == rhs.latencyMs
            && lhs.errorRate == rhs.errorRate
            && lhs.inUse == rhs.inUse
            && lhs.max == rhs.max
            && lhs.waiting == rhs.waiting
            && lhs.idle == rhs.idle
            && lhs.extra == rhs.extra
        }
    }
}
