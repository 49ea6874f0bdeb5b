import Foundation
@testable import IncidentCore

func time(_ text: String) -> Timestamp { RFC3339.parse(text)! }

func event(_ ts: String, _ kind: EventKind, actor: String? = "alice", text: String? = nil,
           _ fill: (inout Event) -> Void = { _ in }) -> Event {
    var result = Event(ts: time(ts), kind: kind, actor: actor, text: text)
    fill(&result)
    return result
}

func fold(_ events: [Event], options: FoldOptions = FoldOptions()) -> IncidentState {
    var state = IncidentState(options: options)
    for (index, event) in events.enumerated() { state.apply(event, line: index + 1) }
    return state
}
