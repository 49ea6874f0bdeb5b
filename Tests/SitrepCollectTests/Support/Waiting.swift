import IncidentCore

/// Checks `condition` every 50 ms until it holds or `seconds` pass. These suites share two
/// cooperative threads with tests that block them, so waits move on state, never on a sleep
/// of a guessed length.
func eventually(seconds: Double, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while true {
        if try await condition() { return true }
        if ContinuousClock.now >= deadline { return false }
        try? await Task.sleep(for: .milliseconds(50))
    }
}

extension FileJournal {
    /// Every event in the journal, in file order.
    func events() throws -> [Event] {
        var events: [Event] = []
        try read { if case .event(let event, _) = $0 { events.append(event) } }
        return events
    }
}
