/// One row of the incident's timeline: an event a person or an alert recorded, or a marker the
/// fold derived from samples (a service changing state, a pool saturating or recovering).
public struct TimelineEntry: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case event(EventKind)
        case serviceChange
        case poolChange

        public var name: String {
            switch self {
            case .event(let kind): kind.name
            case .serviceChange: "health"
            case .poolChange: "pool"
            }
        }
    }

    // Stored in 64 bytes: a million-event incident's timeline holds hundreds of thousands of
    // entries, nearly all markers with no id, detail or amendment. Those fields, and the name of a
    // kind sitrep does not know, live out of line (`Rare`), allocated only for the entries that
    // have one; `kind` is a byte.
    public var ts: Timestamp
    /// The journal line it came from (for a marker: the sample's line). The detail view reads the
    /// line back for every field the entry does not keep (`JournalLineReading`).
    public var line: Int
    public var actor: String?
    /// The text as it stands now, after any amendments.
    public var text: String
    private var kindCode: KindCode
    /// Recorded by a collector, the alert receiver or monitoring rather than typed by a person.
    public var isAutomated: Bool
    private var rare: OutOfLine<Rare>?

    public init(ts: Timestamp, line: Int, id: String?, actor: String?, kind: Kind, detail: String?, text: String,
                isAutomated: Bool = false) {
        (self.ts, self.line, self.actor, self.text, self.isAutomated) = (ts, line, actor, text, isAutomated)
        kindCode = KindCode(kind)
        if case .event(.other(let name)) = kind { editRare { $0.otherKind = name } }
        if id != nil || detail != nil { editRare { ($0.id, $0.detail) = (id, detail) } }
    }

    public var kind: Kind {
        get { kindCode.kind(otherName: rare?.value.otherKind) }
        set {
            kindCode = KindCode(newValue)
            let otherName: String? = if case .event(.other(let name)) = newValue { name } else { nil }
            editRare { $0.otherKind = otherName }
        }
    }

    public var id: String? {
        get { rare?.value.id }
        set { editRare { $0.id = newValue } }
    }

    /// The short structured part: `→ database administration`, `applied`, `web critical`, `SEV1`.
    public var detail: String? {
        get { rare?.value.detail }
        set { editRare { $0.detail = newValue } }
    }

    /// The text as first recorded, when an amendment has corrected it.
    public var originalText: String? {
        get { rare?.value.originalText }
        set { editRare { $0.originalText = newValue } }
    }

    /// When the first amendment was recorded (its `ts`), so replay can show the entry as it read
    /// before the correction.
    public var amendedAt: Timestamp? {
        get { rare?.value.amendedAt }
        set { editRare { $0.amendedAt = newValue } }
    }

    /// Every amendment of the entry, in the order they were applied: who corrected it, and when.
    public var amendments: [Event] {
        get { rare?.value.amendments ?? [] }
        set { editRare { $0.amendments = newValue } }
    }

    public var isAmended: Bool { originalText != nil }

    /// Recorded by a responder (a declaration, an escalation, a mitigation, a status, a cause, a
    /// note), not by monitoring or a collector: the entries a commander reads the response from.
    public var isWrittenByPerson: Bool {
        guard case .event(let kind) = kind, kind.isHumanResponse else { return false }
        return !isAutomated
    }

    /// The entry as it read at `time`: the text of the last amendment made by then, or the
    /// original before the first.
    public func asOf(_ time: Timestamp) -> TimelineEntry {
        guard let originalText, amendments.contains(where: { $0.ts > time }) else { return self }
        var entry = self
        entry.amendments = amendments.filter { $0.ts <= time }
        if let last = entry.amendments.last {
            entry.text = last.text ?? ""
        } else {
            entry.text = originalText
            entry.originalText = nil
            entry.amendedAt = nil
        }
        return entry
    }
}

public enum TimelineChange: Equatable, Sendable {
    case added(TimelineEntry)
    case amended(TimelineEntry)

    public var entry: TimelineEntry {
        switch self {
        case .added(let entry), .amended(let entry): entry
        }
    }
}

extension TimelineEntry {
    /// What few entries have: an id and a detail (most events sitrep did not write, and every
    /// marker, have neither), amendments, and the name of a kind sitrep does not know.
    fileprivate struct Rare: Equatable, Sendable {
        var id: String?
        var detail: String?
        var otherKind: String?
        var originalText: String?
        var amendedAt: Timestamp?
        var amendments: [Event] = []
    }

    /// A value behind a pointer, copied on write like any value (the box itself is immutable).
    fileprivate enum OutOfLine<Value: Equatable & Sendable>: Equatable, Sendable {
        indirect case value(Value)

        var value: Value {
            switch self { case .value(let value): value }
        }
    }

    /// An entry whose rare fields are all empty again holds none, so it equals one that never had any.
    private mutating func editRare(_ edit: (inout Rare) -> Void) {
        var edited = rare?.value ?? Rare()
        edit(&edited)
        rare = edited == Rare() ? nil : .value(edited)
    }

    /// `Kind` in a byte: the known event kinds by their place in `EventKind.known`, then the rest.
    fileprivate struct KindCode: Equatable, Sendable {
        private let code: UInt8
        private static let other = UInt8(EventKind.known.count)
        private static let serviceChange = other + 1
        private static let poolChange = other + 2

        init(_ kind: Kind) {
            switch kind {
            case .event(let event): code = EventKind.known.firstIndex(of: event).map(UInt8.init) ?? Self.other
            case .serviceChange: code = Self.serviceChange
            case .poolChange: code = Self.poolChange
            }
        }

        func kind(otherName: String?) -> Kind {
            switch code {
            case Self.serviceChange: .serviceChange
            case Self.poolChange: .poolChange
            case Self.other: .event(.other(otherName ?? ""))
            default: .event(EventKind.known[Int(code)])
            }
        }
    }
}
