/// One line of the journal. Every field of the contract has a property; fields the contract does
/// not name are kept in `extra`, in file order, so nothing another tool wrote is dropped.
public struct Event: Equatable, Sendable {
    public var ts: Timestamp
    public var kind: EventKind

    public var actor: String?
    public var text: String?
    public var logged: Timestamp?
    public var id: String?
    public var prev: String?

    public var title: String?
    public var severity: String?
    public var impact: String?
    public var started: Timestamp?
    public var state: String?
    public var role: String?
    public var who: String?
    public var to: String?
    public var service: String?
    public var level: String?
    public var ref: String?
    public var owner: String?
    public var pool: String?
    public var latencyMs: Double?
    public var errorRate: Double?
    public var inUse: Int?
    public var max: Int?
    public var waiting: Int?
    public var idle: Int?

    public var extra: [ExtraField] = []

    public struct ExtraField: Equatable, Sendable {
        public var key: String
        public var value: JSONValue
        public init(key: String, value: JSONValue) { self.key = key; self.value = value }
    }

    public init(ts: Timestamp, kind: EventKind, actor: String? = nil, text: String? = nil) {
        self.ts = ts
        self.kind = kind
        self.actor = actor
        self.text = text
    }

    /// A mitigation without `state` counts as applied (the contract's default).
    public var mitigationState: MitigationState? {
        guard kind == .mitigation else { return nil }
        guard let state else { return .applied }
        return MitigationState(rawValue: state)
    }
}
