/// What a journal's name says about where it lives: a PostgreSQL store's address
/// (`postgresql://` or `postgres://`, which JournalPostgres reads), else a file's path. Here, not
/// in JournalPostgres, so that the front program tells a file from a store without linking the
/// PostgreSQL client.
public enum JournalAddress {
    public static func isStore(_ given: String) -> Bool {
        given.hasPrefix("postgresql://") || given.hasPrefix("postgres://")
    }
}
