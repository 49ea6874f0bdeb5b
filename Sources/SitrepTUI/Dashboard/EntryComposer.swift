import IncidentCore

/// Turns what a responder typed into the event to append. In a shared tmux session several
/// people type into one dashboard: text that starts with `@name ` is recorded as that person.
enum EntryComposer {
    /// Splits `@bob restarted db-1` into ("bob", "restarted db-1").
    static func speaker(in text: String, default actor: String) -> (actor: String, text: String) {
        let trimmed = text.drop { $0.isWhitespace }
        guard trimmed.first == "@", let space = trimmed.firstIndex(where: \.isWhitespace) else {
            return (actor, String(trimmed))
        }
        let name = trimmed[trimmed.index(after: trimmed.startIndex)..<space]
        let rest = trimmed[space...].drop { $0.isWhitespace }
        guard !name.isEmpty, !rest.isEmpty else { return (actor, String(trimmed)) }
        return (String(name), String(rest))
    }

    static func event(_ kind: EventKind, text: String, actor: String, at time: Timestamp,
                      _ fill: (inout Event) -> Void = { _ in }) -> Event {
        var event = Event(ts: time, kind: kind, actor: actor, text: text)
        fill(&event)
        return event
    }
}
