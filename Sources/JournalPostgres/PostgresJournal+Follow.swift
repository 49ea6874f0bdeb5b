import IncidentCore

extension PostgresJournal {
    /// Follows this incident from its first line. The first connection is opened here, so a store
    /// that cannot be reached at start is one error now rather than a warning later; after that the
    /// follower reconnects on its own and says when the store is unreachable.
    public func follow() throws(JournalError) -> any JournalFollowing {
        try follow(keepingCopy: nil)
    }

    /// Follows, and keeps `copy` current with every line fetched (what `export` would write), so
    /// the incident can still be read on this host when the store cannot be reached. A copy that
    /// cannot be made (no writable home) is said in the follower's first update, and following
    /// goes on without it: the copy must never be what keeps a responder off the dashboard.
    public func follow(keepingCopy copy: LocalCopy?) throws(JournalError) -> any JournalFollowing {
        let connector = self.connector
        var writer: LocalCopyWriter?
        var copyProblem: String?
        if let copy {
            do {
                writer = try LocalCopyWriter(copy: copy)
            } catch {
                copyProblem = "no local copy of this incident is kept on this host: \(error)"
            }
        }
        do {
            let connection = try Blocking.run { try await connector.connect() }
            return PostgresFollower(address: address, connector: connector, firstConnection: connection, copy: writer,
                                    firstWarning: copyProblem)
        } catch let error as JournalError {
            throw error
        } catch {
            throw .unreachable(location: address.description, reason: SafeText.escape(String(describing: error)))
        }
    }
}
