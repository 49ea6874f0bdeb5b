import IncidentCore
import PostgresNIO

extension PostgresJournal {
    /// Loads a file journal's lines, byte for byte, bad lines included, into this incident, which
    /// must have no lines yet. One transaction: a failed import leaves the incident empty.
    /// Returns the line count.
    public func importLines(_ lines: [[UInt8]]) throws(JournalError) -> Int {
        try requireIncident()
        guard !lines.isEmpty else { return 0 }
        let incident = self.incident
        let location = self.location
        let rows = Self.importRows(lines)
        // About a minute per 200,000 lines on top of the usual limit: one transaction carries them all.
        let limit = StoreSession.callLimit + .seconds(lines.count / 3_000)
        try session.run(within: limit) { connection in
            try await connection.inTransaction {
                try await connection.execute("SELECT pg_advisory_xact_lock(\(LockKey.incident(incident)))")
                let taken = try await connection.value(
                    "SELECT EXISTS (SELECT FROM sitrep.events WHERE incident = \(incident))", as: Bool.self) == true
                guard !taken else {
                    throw JournalError.refused(location: location, reason: "the incident already has lines; "
                                               + "import into a new incident (another #NAME)")
                }
                for chunk in NewRow.chunks(rows) {
                    let isLast = chunk.upperBound == rows.count
                    try await connection.execute(NewRow.insert(rows[chunk], incident: incident, announcing: isLast))
                }
            }
        }
        return rows.count
    }

    /// Each line as it is, numbered from 1, with its kind, time and id when it decodes. An id a
    /// file repeats (which verify reports) is kept only on its first line: the store's index
    /// allows one line per id, and the bytes stay as they were all the same.
    static func importRows(_ lines: [[UInt8]]) -> [NewRow] {
        var seenIDs = Set<String>()
        return lines.enumerated().map { index, line in
            let event = try? EventDecoder.decode(line).get()
            let isFirstUse = event?.id.map { seenIDs.insert($0).inserted } ?? false
            return NewRow(seq: Int64(index + 1), line: line, event: event, keepsID: isFirstUse)
        }
    }
}
