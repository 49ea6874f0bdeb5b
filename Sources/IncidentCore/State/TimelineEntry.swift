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

    public var isAmended: Bool { originalText != nil }

    /// The entry as it read at `time`: before its first amendment, the original text.
    public func asOf(_ time: Timestamp) -> TimelineEntry {
        guard let amendedAt, time < amendedAt, let originalText else { return self }
        var original = self
        original.text = originalText
        original.originalText = nil
        original.amendedAt = nil
        return original
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
