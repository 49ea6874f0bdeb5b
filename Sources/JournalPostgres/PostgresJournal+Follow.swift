import IncidentCore

extension PostgresJournal {
    /// Follows this incident from its first line. The first connection is opened here, so a store
    /// that cannot be reached at start is one error now rather than a warning later; after that the
    /// follower reconnects on its own and says when the store is unreachable.
    public func follow() throws(JournalError) -> any JournalFollowing {
        let connector = self.connector
        do {
            let connection = try Blocking.run { try await connector.connect() }
            return PostgresFollower(address: address, connector: connector, firstConnection: connection)
        } catch let error as JournalError {
            throw error
        } catch {
            throw .unreachable(location: address.description, reason: SafeText.escape(String(describing: error)))
        }
    }
}
