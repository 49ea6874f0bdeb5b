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
    /// The journal line it came from (for a marker: the sample's line).
    public var line: Int
    public var id: String?
    public var actor: String?
    public var kind: Kind
    /// The short structured part: `→ database administration`, `applied`, `web critical`, `SEV1`.
    public var detail: String?
    /// The text as it stands now, after any amendments.
    public var text: String
    /// The text as first recorded, when an amendment has corrected it.
    public var originalText: String?

    /// When the first amendment was recorded (its `ts`), so replay can show the entry as it read
    /// before the correction.
    public var amendedAt: Timestamp?

    /// The event the entry shows (for a marker, the sample that changed the state): the dashboard's
    /// detail view reads its every field from here.
    public var source: Event?
    /// Every amendment of the entry, in the order they were applied: who corrected it, and when.
    public var amendments: [Event] = []

    public var isAmended: Bool { originalText != nil }

    /// Recorded by a responder (a declaration, an escalation, a mitigation, a status, a cause, a
    /// note), not by monitoring or a collector: the entries a commander reads the response from.
    public var isWrittenByPerson: Bool {
        guard case .event(let kind) = kind, kind.isHumanResponse else { return false }
        return !(source?.isAutomated ?? false)
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
