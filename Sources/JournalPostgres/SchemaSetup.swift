import IncidentCore
import PostgresNIO

/// Makes a connection's database ready for sitrep, once per store object: creates the schema on
/// first use, migrates an older one, refuses a newer one, and checks that this role may read and
/// append. Creating and migrating happen in one transaction under an advisory lock, so two
/// processes starting at once do not both try; the loser finds the work done.
struct SchemaSetup {
    let address: PostgresAddress
    /// False when only looking: a missing schema is then left missing.
    var mayCreate = true

    /// The advisory lock every schema change takes (a different key from any incident's).
    static let lockKey = LockKey.of("sitrep schema")

    /// Bounds a migration instead of `StoreSession.callLimit`: one rebuilds an index of the
    /// whole table, minutes on a large store.
    static let migrationLimit: Duration = .seconds(600)

    /// Everything but a migration, which is left to `migrate` (run it under `migrationLimit`):
    /// false when one is due.
    func prepare(_ connection: PostgresConnection) async throws -> Bool {
        if try await !Self.exists(connection) {
            guard mayCreate else { return true }
            try await create(connection)
        }
        guard try await connection.value("SELECT has_schema_privilege('sitrep', 'USAGE')", as: Bool.self) == true else {
            throw refuse("role \(address.user) may not use the schema sitrep: "
                         + "a DBA grants it \(StoreSchema.responderRole) (README: Setting up the database)")
        }
        let found = try await version(connection)
        if found > StoreSchema.version {
            throw refuse("the store's schema is version \(found); this sitrep knows version \(StoreSchema.version): upgrade sitrep")
        }
        guard found == StoreSchema.version else { return false }
        try await checkPrivileges(connection)
        return true
    }

    /// Takes an older schema to this version, then checks this role's rights as `prepare` would.
    func migrateAndCheck(_ connection: PostgresConnection) async throws {
        try await migrate(connection)
        try await checkPrivileges(connection)
    }

    /// Read from the catalog, which every role may read, rather than by touching the table,
    /// which a role without rights on the schema could not tell apart from its absence.
    static func exists(_ connection: PostgresConnection) async throws -> Bool {
        try await connection.value("""
            SELECT EXISTS (SELECT FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                           WHERE n.nspname = 'sitrep' AND c.relname = 'meta')
            """, as: Bool.self) == true
    }

    private func create(_ connection: PostgresConnection) async throws {
        let mayCreate = try await connection.value(
            "SELECT has_database_privilege(current_database(), 'CREATE')", as: Bool.self) == true
        guard mayCreate else {
            throw refuse("the database \(address.database) has no sitrep schema yet, and role \(address.user) may not create it: "
                         + "the store's owner must run `sitrep incidents -j STORE` on it once first (README: Setting up the database)")
        }
        try await connection.inTransaction {
            try await connection.execute("SELECT pg_advisory_xact_lock(\(Self.lockKey))")
            guard try await !Self.exists(connection) else { return }
            for statement in StoreSchema.createVersion1 {
                try await connection.execute(PostgresQuery(unsafeSQL: statement))
            }
        }
    }

    private func version(_ connection: PostgresConnection) async throws -> Int {
        let text = try await connection.value(
            "SELECT value FROM sitrep.meta WHERE key = 'schema_version'", as: String.self)
        guard let text, let version = Int(text), version > 0 else {
            throw refuse("the store's sitrep.meta holds no schema_version: it was not made by sitrep, or was changed by hand")
        }
        return version
    }

    /// `StoreSchema.migrations[n]` takes version n+1 to n+2; all of them from the version found,
    /// and the new version written, in one transaction: a failure leaves the old schema whole.
    private func migrate(_ connection: PostgresConnection) async throws {
        do {
            try await connection.inTransaction {
                try await connection.execute("SELECT pg_advisory_xact_lock(\(Self.lockKey))")
                let found = try await version(connection)
                guard found < StoreSchema.version else { return }
                for step in (found - 1)..<(StoreSchema.version - 1) {
                    for statement in StoreSchema.migrations[step] {
                        try await connection.execute(PostgresQuery(unsafeSQL: statement))
                    }
                }
                try await connection.execute(
                    "UPDATE sitrep.meta SET value = \(String(StoreSchema.version)) WHERE key = 'schema_version'")
            }
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "42501" {
            throw refuse("the store's schema is an older version and role \(address.user) may not migrate it: "
                         + "the store's owner must run this sitrep on it once first")
        }
    }

    private func checkPrivileges(_ connection: PostgresConnection) async throws {
        for (right, doing) in [("SELECT", "read"), ("INSERT", "append to")] {
            let granted = try await connection.value(
                "SELECT has_table_privilege('sitrep.events', \(right))", as: Bool.self) == true
            guard granted else {
                throw refuse("role \(address.user) may not \(doing) sitrep.events: "
                             + "a DBA grants it \(StoreSchema.responderRole) (README: Setting up the database)")
            }
        }
    }

    private func refuse(_ reason: String) -> JournalError {
        .refused(location: address.description, reason: reason)
    }
}
