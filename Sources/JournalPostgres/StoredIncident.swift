import IncidentCore
import NIOCore
import PostgresNIO

/// One incident in a store, as `sitrep incidents` lists it.
public struct StoredIncident: Sendable {
    public let name: String
    /// Its declare, severity and status lines, in order: what its title, severity and status fold from.
    public let milestones: [Event]
    /// The earliest and latest `ts` of its lines (backdated lines included).
    public let firstTime: Timestamp?
    public let lastTime: Timestamp?
    public let lineCount: Int
}

extension PostgresJournal {
    /// Every incident in the store, by name. The schema is made here on first use, as by any command.
    public static func incidents(at address: PostgresAddress, connector: StoreConnector) throws(JournalError)
        -> [StoredIncident]
    {
        // Made on first use here too: the store's owner sets a new store up by listing it (README).
        let session = StoreSession(connector: connector, createsSchema: true)
        defer { session.close() }
        return try session.run { connection in try await readIncidents(connection) }
    }

    private static func readIncidents(_ connection: PostgresConnection) async throws -> [StoredIncident] {
        var milestones: [String: [Event]] = [:]
        let lines = try await connection.query("""
            SELECT incident, line FROM sitrep.events WHERE kind IN ('declare', 'severity', 'status')
            ORDER BY incident, seq
            """, logger: StoreSession.logger)
        for try await (incident, line) in lines.decode((String, ByteBuffer).self) {
            let decoded = line.withUnsafeReadableBytes { EventDecoder.decode($0) }
            if case .success(let event) = decoded { milestones[incident, default: []].append(event) }
        }
        // extract(epoch ...) is numeric since PostgreSQL 14, so the microseconds are exact.
        let summaries = try await connection.query("""
            SELECT incident, count(*), (extract(epoch FROM min(ts)) * 1000000)::int8,
                   (extract(epoch FROM max(ts)) * 1000000)::int8
            FROM sitrep.events GROUP BY incident ORDER BY incident
            """, logger: StoreSession.logger)
        var incidents: [StoredIncident] = []
        for try await (name, count, first, last) in summaries.decode((String, Int64, Int64?, Int64?).self) {
            incidents.append(StoredIncident(
                name: name, milestones: milestones[name] ?? [],
                firstTime: first.map(Timestamp.init(microseconds:)), lastTime: last.map(Timestamp.init(microseconds:)),
                lineCount: Int(count)))
        }
        return incidents
    }
}
