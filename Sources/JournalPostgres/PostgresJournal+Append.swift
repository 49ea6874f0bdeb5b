import IncidentCore

extension PostgresJournal {
    @discardableResult
    public func append(_ event: Event) throws(JournalError) -> AppendReceipt {
        try appendAll([event])[0]
    }

    /// Appends the events in one transaction: all are written or none. As with a file, an
    /// oversized event refuses the batch before anything is sent, and `id` and `logged` are
    /// filled in first, so that the transaction can be retried without writing anything twice.
    @discardableResult
    public func appendAll(_ events: [Event]) throws(JournalError) -> [AppendReceipt] {
        guard !events.isEmpty else { return [] }
        try requireIncident()
        let transaction = AppendTransaction(incident: incident, events: try Self.prepare(events))
        return try session.run { connection in try await transaction.run(on: connection) }
    }

    /// FileJournal.appendAll's checks: ids and times filled in, each line sized with a
    /// placeholder `prev` against the line limit.
    static func prepare(_ events: [Event]) throws(JournalError) -> [Event] {
        var pending = events
        for index in pending.indices {
            if pending[index].id == nil { pending[index].id = EventID.make() }
            if pending[index].logged == nil { pending[index].logged = .now() }
            pending[index].prev = String(repeating: "0", count: 64)
            let worstCase = EventEncoder.encode(pending[index]).count + 1
            guard worstCase <= FileJournal.lineLimit else {
                throw .eventTooLarge(bytes: worstCase, limit: FileJournal.lineLimit)
            }
        }
        return pending
    }
}
