import IncidentCore

/// A choice among fixed values: the incident's status or its severity.
public struct Picker: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        case status, severity
        /// The severity of an incident being declared with this title.
        case declaration(title: String)
    }

    public let purpose: Purpose
    public let options: [String]
    public var selected: Int

    public static func status(current: String?) -> Picker {
        let options = IncidentStatus.allCases.map(\.rawValue)
        return Picker(purpose: .status, options: options, selected: options.firstIndex { $0 == current } ?? 0)
    }

    public static func severity(current: String?, purpose: Purpose = .severity) -> Picker {
        let options = Severity.known
        return Picker(purpose: purpose, options: options, selected: options.firstIndex { $0 == current } ?? 1)
    }

    var label: String {
        switch purpose {
        case .status: "status"
        case .severity: "severity"
        case .declaration: "declare: severity"
        }
    }

    /// A letter moves to the next option starting with it (investigating and identified share
    /// `i`); a digit picks by position, as SEV numbers read.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .left, .up, .backTab: selected = (selected + options.count - 1) % options.count
        case .right, .down, .tab: selected = (selected + 1) % options.count
        case .character(let character):
            if let digit = character.wholeNumberValue {
                let index = purpose == .status ? digit - 1 : digit
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
