import IncidentCore
import PostgresNIO

extension PostgresConnection {
    /// Runs a statement and reads nothing back.
    func execute(_ query: PostgresQuery) async throws {
        let rows = try await self.query(query, logger: StoreSession.logger)
        for try await _ in rows {}
    }

    /// The first column of the first row, nil when there is no row or it is NULL.
    func value<Value: PostgresDecodable>(_ query: PostgresQuery, as type: Value.Type) async throws -> Value?
        where Value._DecodableType == Value
    {
        let rows = try await self.query(query, logger: StoreSession.logger)
        var found: Value?
        for try await row in rows where found == nil {
            found = try row.decode(Value?.self)
        }
        return found
    }

    /// BEGIN, `body`, COMMIT; ROLLBACK when `body` throws, whose error is the one that counts.
    func inTransaction<Value: Sendable>(_ body: () async throws -> Value) async throws -> Value {
        try await execute("BEGIN")
        let value: Value
        do {
            value = try await body()
        } catch {
            try? await execute("ROLLBACK")
            throw error
        }
        try await execute("COMMIT")
        return value
    }
}

/// A 64-bit advisory lock key for a name: the first 8 bytes of its SHA-256, the same on every
/// host and every PostgreSQL version (hashtext's results are not promised to stay put).
enum LockKey {
    static func of(_ name: String) -> Int64 {
        let hex = ChainHash.of(Array(name.utf8)).prefix(16)
        return Int64(bitPattern: UInt64(hex, radix: 16) ?? 0)
    }

    /// The lock an incident's writers take: "sitrep incident NAME".
    static func incident(_ name: String) -> Int64 { of("sitrep incident " + name) }
}
