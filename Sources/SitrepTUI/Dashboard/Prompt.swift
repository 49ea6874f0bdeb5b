import IncidentCore

/// What the footer is asking for. Each prompt knows its label and what to record on Enter.
public enum PromptKind: Equatable, Sendable {
    case note
    case escalationTarget
    case escalationReason(to: String)
    case mitigation
    case cause
    case task
    case amend(id: String)
    case filter
    /// Replay: a time to jump to.
    case seek

    var label: String {
        switch self {
        case .note: "note"
        case .escalationTarget: "escalate to"
        case .escalationReason(let to): "why escalate to \(to)"
        case .mitigation: "mitigation (applied)"
        case .cause: "cause"
        case .task: "follow-up task"
        case .amend(let id): "amend \(id)"
        case .filter: "filter"
        case .seek: "jump to (HH:MM, HH:MM:SS or RFC 3339)"
        }
    }
}

/// A one-line prompt being typed into.
public struct Prompt: Equatable, Sendable {
    public var kind: PromptKind
    public var editor: LineEditor

    public init(_ kind: PromptKind, text: String = "") {
        self.kind = kind
        editor = LineEditor(text)
    }
}

/// A choice among fixed values: the incident's status or its severity.
public struct Picker: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable { case status, severity }

    public let purpose: Purpose
    public let options: [String]
    public var selected: Int

    public static func status(current: String?) -> Picker {
        let options = IncidentStatus.allCases.map(\.rawValue)
        return Picker(purpose: .status, options: options, selected: options.firstIndex { $0 == current } ?? 0)
    }

    public static func severity(current: String?) -> Picker {
        let options = Severity.known
        return Picker(purpose: .severity, options: options, selected: options.firstIndex { $0 == current } ?? 1)
    }

    var label: String { purpose == .status ? "status" : "severity" }

    /// A letter moves to the next option starting with it (investigating and identified share
    /// `i`); a digit picks by position, as SEV numbers read.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .left, .up, .backTab: selected = (selected + options.count - 1) % options.count
        case .right, .down, .tab: selected = (selected + 1) % options.count
        case .character(let character):
            if let digit = character.wholeNumberValue {
                let index = purpose == .severity ? digit : digit - 1
                guard options.indices.contains(index) else { return false }
                selected = index
                return true
            }
            let letter = Character(character.lowercased())
            let order = (1...options.count).map { (selected + $0) % options.count }
            guard let next = order.first(where: { options[$0].lowercased().first == letter }) else { return false }
            selected = next
        default:
            return false
        }
        return true
    }
}
