import PostgresNIO

/// The lookups into one incident's rows that run on every append, open and Enter, written so that
/// only an index answers them whatever the planner guesses of the incident's size. A new incident,
/// or one imported since the table's statistics were taken, is guessed at one row; a query that an
/// index on `incident` alone could answer was then planned as a walk over every row of the
/// incident and a sort: a second per append on a million-row incident, half a minute to open it.
/// `events_id` leads with `id` (schema version 2) so that only the primary key serves `incident`.
enum IncidentLookups {
    /// The incident's last row: the primary key read backwards, one row.
    static func lastLine(incident: String) -> PostgresQuery {
        "SELECT line FROM sitrep.events WHERE incident = \(incident) ORDER BY seq DESC LIMIT 1"
    }

    /// One row by its sequence number (the journal line's number).
    static func line(incident: String, seq: Int64) -> PostgresQuery {
        "SELECT line FROM sitrep.events WHERE incident = \(incident) AND seq = \(seq)"
    }

    /// An append's tail: the last row, and any row already holding one of `ids` (an earlier try
    /// whose COMMIT reply was lost), in `seq` order; the last row may come twice. The rows by id
    /// are looked up by id alone (MATERIALIZED keeps the incident's condition out of that scan):
    /// given both, a planner guessing the incident at one row walked it by the primary key.
    static func appendTail(incident: String, ids: [String]) -> PostgresQuery {
        """
        WITH written AS MATERIALIZED (SELECT seq, line, id, incident FROM sitrep.events WHERE id = ANY(\(ids)))
        (SELECT seq, line, id FROM sitrep.events WHERE incident = \(incident) ORDER BY seq DESC LIMIT 1)
        UNION ALL
        SELECT seq, line, id FROM written WHERE incident = \(incident)
        ORDER BY seq
        """
    }
}
