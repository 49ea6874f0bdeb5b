import IncidentCore

// Placeholder until the follower is merged: that change replaces this whole file.
extension PostgresJournal {
    public func follow() throws(JournalError) -> any JournalFollowing {
        throw .refused(location: location, reason: "following is not built yet")
    }
}
