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
        let transaction = AppendTransaction(incident: incident, events: try FileJournal.prepareForAppend(events))
        return try session.run { connection in try await transaction.run(on: connection) }
    }
}
