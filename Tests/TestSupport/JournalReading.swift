import IncidentCore

/// Reads a whole journal into events and bad lines.
public func readAll(_ store: some JournalStore) throws -> (events: [Event], bad: [BadLine]) {
    var events: [Event] = []
    var bad: [BadLine] = []
    try store.read { record in
        switch record {
        case .event(let event, _): events.append(event)
        case .bad(let line): bad.append(line)
        }
    }
    return (events, bad)
}

extension JournalStore {
    /// Every event in the journal, in file order; bad lines are left out.
    public func events() throws -> [Event] {
        try readAll(self).events
    }
}
