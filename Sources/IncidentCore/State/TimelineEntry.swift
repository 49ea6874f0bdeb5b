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

    public var ts: Timestamp
    /// The journal line it came from (for a marker: the sample's line). The detail view reads the
    /// line back for every field the entry does not keep (`JournalLineReading`).
    public var line: Int
    public var id: String?
    public var actor: String?
    public var kind: Kind
    /// The short structured part: `→ database administration`, `applied`, `web critical`, `SEV1`.
    public var detail: String?
    /// The text as it stands now, after any amendments.
    public var text: String
    /// Recorded by a collector, the alert receiver or monitoring rather than typed by a person.
    public var isAutomated: Bool
    private var corrections: OutOfLine<Corrections>?

    public init(ts: Timestamp, line: Int, id: String?, actor: String?, kind: Kind, detail: String?, text: String,
                isAutomated: Bool = false) {
        (self.ts, self.line, self.id, self.actor, self.kind) = (ts, line, id, actor, kind)
        (self.detail, self.text, self.isAutomated) = (detail, text, isAutomated)
    }

    /// The text as first recorded, when an amendment has corrected it.
    public var originalText: String? {
        get { corrections?.value.originalText }
        set { editCorrections { $0.originalText = newValue } }
    }

    /// When the first amendment was recorded (its `ts`), so replay can show the entry as it read
    /// before the correction.
    public var amendedAt: Timestamp? {
        get { corrections?.value.amendedAt }
        set { editCorrections { $0.amendedAt = newValue } }
    }

    /// Every amendment of the entry, in the order they were applied: who corrected it, and when.
    public var amendments: [Event] {
        get { corrections?.value.amendments ?? [] }
        set { editCorrections { $0.amendments = newValue } }
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
    /// What amendments changed. Few entries are ever amended, and these fields inline made every
    /// entry of a million-event timeline 40 bytes longer: out of line they cost one pointer.
    fileprivate struct Corrections: Equatable, Sendable {
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

    /// An entry whose corrections are all empty again holds none, so it equals one never amended.
    private mutating func editCorrections(_ edit: (inout Corrections) -> Void) {
        var edited = corrections?.value ?? Corrections()
        edit(&edited)
        corrections = edited == Corrections() ? nil : .value(edited)
    }
}
