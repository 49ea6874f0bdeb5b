/// What a live prompt records on Enter (the filter's prompt is the panes' own).
public enum PromptKind: PromptPurpose {
    case note
    case escalationTarget
    case escalationReason(to: String)
    case mitigation
    case cause
    case task
    case amend(id: String)
    /// Declaring from the dashboard: the title, then a severity picker, then the impact.
    case declarationTitle
    case declarationImpact(title: String, severity: String)

    public var label: String {
        switch self {
        case .note: "note"
        case .escalationTarget: "escalate to"
        case .escalationReason(let to): "why escalate to \(to)"
        case .mitigation: "mitigation (applied)"
        case .cause: "cause"
        case .task: "follow-up task"
        case .amend(let id): "amend \(id)"
        case .declarationTitle: "declare: title"
        case .declarationImpact: "impact (who is affected, how; Enter to skip)"
        }
    }
}

extension Prompt {
    public init(_ kind: PromptKind, text: String = "") {
        self.init(purpose: kind, text: text)
    }

    /// The live prompt this is, if it is one.
    public var kind: PromptKind? { purpose as? PromptKind }
}
