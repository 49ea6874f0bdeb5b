/// What a prompt is for: each mode declares its own (live's entries, replay's time to jump to),
/// and only that mode reads it back when Enter is pressed. The panes own one, the filter.
public protocol PromptPurpose: Equatable, Sendable {
    /// What the footer shows before the typed text.
    var label: String { get }
}

/// `/`: the timeline filter, applied as it is typed, in every mode.
struct FilterPrompt: PromptPurpose {
    var label: String { "filter" }
}

/// A one-line prompt being typed into.
public struct Prompt: Equatable, Sendable {
    public let purpose: any PromptPurpose
    public var editor: LineEditor

    public init(purpose: some PromptPurpose, text: String = "") {
        self.purpose = purpose
        editor = LineEditor(text)
    }

    var label: String { purpose.label }
    var isFilter: Bool { purpose is FilterPrompt }

    public static func == (lhs: Prompt, rhs: Prompt) -> Bool {
        lhs.editor == rhs.editor && lhs.purpose.isSame(as: rhs.purpose)
    }
}

extension PromptPurpose {
    func isSame(as other: any PromptPurpose) -> Bool { (other as? Self) == self }
}
