import IncidentCore

extension PostgresJournal {
    /// Follows this incident from its first line. The first connection is opened here, so a store
    /// that cannot be reached at start is one error now rather than a warning later; after that the
    /// follower reconnects on its own and says when the store is unreachable.
    public func follow() throws(JournalError) -> any JournalFollowing {
        try follow(keepingCopy: nil)
    }

    /// Follows, and keeps `copy` current with every line fetched (what `export` would write), so
    /// the incident can still be read on this host when the store cannot be reached.
    public func follow(keepingCopy copy: LocalCopy?) throws(JournalError) -> any JournalFollowing {
        let connector = self.connector
        let writer = try copy.map { copy throws(JournalError) in try LocalCopyWriter(copy: copy) }
        do {
            let connection = try Blocking.run { try await connector.connect() }
            return PostgresFollower(address: address, connector: connector, firstConnection: connection, copy: writer)
        } catch let error as JournalError {
            throw error
        } catch {
            throw .unreachable(location: address.description, reason: SafeText.escape(String(describing: error)))
        }
    }
}
