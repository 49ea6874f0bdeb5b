import IncidentCore

/// One entry written to the journal and its id printed (the handle `sitrep amend` takes): how
/// every recording command ends, whether ArgumentParser read its arguments or QuickRecording did.
public struct Recording {
    /// For the message: the path, or the store's address without any password.
    public let journalName: String
    public let actor: String
    /// When it happened: `--at`, else when the command started (before a store is reached).
    public let time: Timestamp

    public init(journalName: String, actor: String, at: Timestamp?) {
        self.journalName = journalName
        self.actor = actor
        self.time = at ?? .now()
    }

    public func write(_ kind: EventKind, text: String? = nil, into journal: any JournalStore,
                      _ fill: (inout Event) -> Void = { _ in }) throws(CommandFailure) {
        var event = Event(ts: time, kind: kind, actor: actor, text: text)
        fill(&event)
        do {
            let receipt = try journal.append(event)
            Output.line("recorded \(kind.name) \(receipt.id) in \(journalName)")
        } catch {
            throw CommandFailure(error.description)
        }
    }
}
