import IncidentCore

/// One entry written to the journal and its id printed (the handle `sitrep amend` takes): how
/// every recording command ends, whether ArgumentParser read its arguments or QuickRecording did.
struct Recording {
    let journal: NamedJournal
    let actor: String
    let at: Timestamp?

    func write(_ kind: EventKind, text: String? = nil, _ fill: (inout Event) -> Void = { _ in }) throws {
        var event = Event(ts: at ?? .now(), kind: kind, actor: actor, text: text)
        fill(&event)
        do {
            let receipt = try journal.store().append(event)
            Output.line("recorded \(kind.name) \(receipt.id) in \(journal.name)")
        } catch let error as JournalError {
            throw CommandFailure(error.description)
        }
    }
}
