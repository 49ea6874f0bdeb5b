import IncidentCore

/// One incident's journal in PostgreSQL: its rows of `sitrep.events`, in `seq` order, each the
/// exact line a file journal would hold, chained by `prev` the same way. Every process that names
/// the same address shares it, as every process naming the same path shares a file.
///
/// One connection per object, opened at first use and again after a failure; calls from several
/// threads wait for each other. Call it from ordinary threads (the dashboard's, NIO's thread
/// pool), never from an event loop.
public final class PostgresJournal: JournalStore {
    public let address: PostgresAddress
    public let connector: StoreConnector
    let session: StoreSession

    public init(address: PostgresAddress, connector: StoreConnector? = nil) {
        self.address = address
        self.connector = connector ?? StoreConnector(address: address)
        self.session = StoreSession(connector: self.connector)
    }

    /// The address, which never holds a password.
    public var location: String { address.description }

    var incident: String { address.incident }

    /// Connects, creates the schema on first use (or migrates an older one, or refuses a newer
    /// one), and checks this role may read and insert. One clear `JournalError` on failure.
    public func open() throws(JournalError) {
        try requireIncident()
        try session.run { _ in }
    }

    /// Whether this incident has any line.
    public func exists() throws(JournalError) -> Bool {
        try requireIncident()
        let incident = self.incident
        return try session.run { connection in
            try await connection.value(
                "SELECT EXISTS (SELECT FROM sitrep.events WHERE incident = \(incident))", as: Bool.self) == true
        }
    }

    func requireIncident() throws(JournalError) {
        guard incident.isEmpty else { return }
        throw .refused(location: location, reason: "the address names no incident: add #NAME at its end")
    }
}
