/// The kinds of event the journal contract names. Anything else is kept as `.other` and shown
/// as a plain timeline entry: a reader never fails on a kind it does not know.
public enum EventKind: Hashable, Sendable {
    case declare, status, severity, role, note, alert, escalation, mitigation, cause, task, amend, health, pool
    case other(String)

    /// The known kinds, each once; names map to kinds through `name`, never a second list.
    static let known: [EventKind] = [
        .declare, .status, .severity, .role, .note, .alert, .escalation, .mitigation, .cause, .task, .amend,
        .health, .pool,
    ]

    public init(name: String) {
        self = Self.byName[name] ?? .other(name)
    }

    public var name: String {
        switch self {
        case .declare: "declare"
        case .status: "status"
        case .severity: "severity"
        case .role: "role"
        case .note: "note"
        case .alert: "alert"
        case .escalation: "escalation"
        case .mitigation: "mitigation"
        case .cause: "cause"
        case .task: "task"
        case .amend: "amend"
        case .health: "health"
        case .pool: "pool"
        case .other(let name): name
        }
    }

    /// Machine samples: the health and pool panes show them; the timeline does not.
    public var isSample: Bool { self == .health || self == .pool }

    /// Kinds that only a responder records. The first of them after an alert is the acknowledgement.
    public var isHumanResponse: Bool {
        switch self {
        case .declare, .status, .severity, .role, .note, .escalation, .mitigation, .cause, .task, .amend: true
        case .alert, .health, .pool, .other: false
        }
    }
}

/// Incident lifecycle states, in the order an incident normally moves through them.
public enum IncidentStatus: String, CaseIterable, Sendable {
    case investigating, identified, monitoring, resolved
}

public enum HealthState: String, CaseIterable, Sendable {
    case up, degraded, down
}

public enum MitigationState: String, CaseIterable, Sendable {
    case started, applied, failed, reverted
}

public enum AlertLevel: String, CaseIterable, Sendable {
    case info, warning, critical
}

public enum Severity {
    /// SEV0 (worst) to SEV4. The journal may carry other values; writers accept only these.
    public static let known = ["SEV0", "SEV1", "SEV2", "SEV3", "SEV4"]

    /// `sev1`, `Sev1` and `1` all mean `SEV1`; nil for anything outside SEV0–SEV4.
    public static func normalize(_ text: String) -> String? {
        let upper = text.uppercased()
        if known.contains(upper) { return upper }
        if let digit = Int(text), (0...4).contains(digit) { return "SEV\(digit)" }
        return nil
    }
}
