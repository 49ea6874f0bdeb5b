import IncidentCore

/// The journal's store (PostgreSQL) cannot be reached: since when, and why.
public struct StoreTrouble: Sendable, Equatable {
    public let since: Timestamp
    public let reason: String
}
