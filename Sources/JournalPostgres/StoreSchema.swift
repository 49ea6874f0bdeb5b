/// The tables sitrep keeps in a PostgreSQL database, one schema named `sitrep` for every incident.
///
/// An incident's journal is its rows of `sitrep.events` in `seq` order; `line` holds each line's
/// exact bytes without the newline, so `export` writes the file a file journal would hold and the
/// hash chain (`prev`) is the same. Append-only is the database's rule, not only sitrep's: no
/// grant of UPDATE or DELETE, and a trigger that refuses them even to the owner.
public enum StoreSchema {
    /// Written in `sitrep.meta` under `schema_version`. A newer sitrep migrates an older schema
    /// (`migrations`); an older sitrep refuses a newer one rather than guess at it.
    public static let version = 2

    /// The role a DBA grants to responders (README): INSERT and SELECT, never UPDATE or DELETE.
    public static let responderRole = "sitrep_responder"

    /// Where appends are announced; the payload is `SEQ INCIDENT`.
    public static let channel = "sitrep_events"

    /// Version 1, created in one transaction on first use by a role that may create schemas.
    public static let createVersion1 = [
        "CREATE SCHEMA IF NOT EXISTS sitrep",
        "CREATE TABLE sitrep.meta (key text PRIMARY KEY, value text NOT NULL)",
        """
        CREATE TABLE sitrep.events (
            incident text NOT NULL,
            seq bigint NOT NULL CHECK (seq > 0),
            line bytea NOT NULL,
            kind text,
            ts timestamptz,
            id text,
            PRIMARY KEY (incident, seq)
        )
        """,
        // An append retried after its COMMIT was lost in a dropped connection finds its ids here
        // and is not written twice. Null (bad lines, an imported file's repeated id) never collides.
        "CREATE UNIQUE INDEX events_id ON sitrep.events (incident, id)",
        // What `sitrep incidents` folds for each incident's title, severity and status.
        """
        CREATE INDEX events_milestones ON sitrep.events (incident, seq)
            WHERE kind IN ('declare', 'severity', 'status')
        """,
        """
        CREATE FUNCTION sitrep.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'sitrep.events is append-only: % refused', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END $$
        """,
        """
        CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON sitrep.events
            FOR EACH ROW EXECUTE FUNCTION sitrep.refuse_change()
        """,
        """
        CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON sitrep.events
            FOR EACH STATEMENT EXECUTE FUNCTION sitrep.refuse_change()
        """,
        "REVOKE ALL ON sitrep.events, sitrep.meta FROM PUBLIC",
        """
        DO $$ BEGIN
            IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'sitrep_responder') THEN
                GRANT USAGE ON SCHEMA sitrep TO sitrep_responder;
                GRANT SELECT, INSERT ON sitrep.events TO sitrep_responder;
                GRANT SELECT ON sitrep.meta TO sitrep_responder;
            END IF;
        END $$
        """,
        "INSERT INTO sitrep.meta (key, value) VALUES ('schema_version', '1')",
    ]

    /// `migrations[n]` takes a schema from version n+1 to n+2; a new store is made at version 1 and
    /// migrated like any other.
    public static let migrations: [[String]] = [
        // 1 → 2: `events_id` on (incident, id) was the planner's pick for every lookup by incident
        // while it guessed the incident at one row (a new or newly imported one): each append,
        // page and line read walked all the incident's rows. Led by `id`, it serves only lookups
        // by id, and the primary key serves the rest (`IncidentLookups`).
        [
            "DROP INDEX sitrep.events_id",
            "CREATE UNIQUE INDEX events_id ON sitrep.events (id, incident)",
        ],
    ]
}
