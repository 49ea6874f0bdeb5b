// The journal's fields, declared once. To add one: a property in `Event.Fields` (its Swift name
// and type) and an entry in `EventField.leading` or `.trailing` (its name in a line and its place in it).
// `event.newField`, storage, copy, equality, decoding and encoding follow from those two lines;
// `EventSchemaTests` fails if a property has no entry.

extension Event {
    /// Every optional field of the contract (docs/journal-format.md), as `event.service`,
    /// `event.inUse`... `ts` and `kind` are required, so they are `Event`'s own properties.
    /// Only `String?`, `Timestamp?`, `Double?` and `Int?` properties: the JSON types a line can hold.
    public struct Fields: Equatable, Sendable {
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

        public init() {}
    }
}

extension EventField {
    /// A line is `ts`, `kind`, these fields in this order, the extra fields, then `trailing`.
    /// The order is part of the contract: lines are hashed byte for byte.
    static let leading: [EventField] = [
        EventField("title", \.title),
        EventField("severity", \.severity),
        EventField("impact", \.impact),
        EventField("started", \.started),
        EventField("state", \.state),
        EventField("role", \.role),
        EventField("who", \.who),
        EventField("to", \.to),
        EventField("service", \.service),
        EventField("level", \.level),
        EventField("ref", \.ref),
        EventField("owner", \.owner),
        EventField("pool", \.pool),
        EventField("in_use", \.inUse),
        EventField("max", \.max),
        EventField("waiting", \.waiting),
        EventField("idle", \.idle),
        EventField("latency_ms", \.latencyMs),
        EventField("error_rate", \.errorRate),
        EventField("actor", \.actor),
        EventField("text", \.text),
    ]

    /// After the extra fields; `prev` last, so a torn write loses the chain link and reads as a bad line.
    static let trailing: [EventField] = [
        EventField("logged", \.logged),
        EventField("id", \.id),
        EventField("prev", \.prev),
    ]

    static let all = leading + trailing
}
