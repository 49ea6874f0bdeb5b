import IncidentCore
import JournalPostgres
import SitrepRecording

#if canImport(Glibc)
import Glibc
#endif

/// Where an incident's journal lives: a file on this host, or an incident in a PostgreSQL store.
enum JournalLocation {
    case file(String)
    case postgres(PostgresAddress)

    init(_ given: String) throws(AddressError) {
        self = JournalAddress.isStore(given) ? .postgres(try PostgresAddress.parse(given)) : .file(given)
    }

    /// As a command's one-line failure when the address is wrong.
    static func parsing(_ given: String) throws -> JournalLocation {
        do {
            return try JournalLocation(given)
        } catch {
            throw CommandFailure(error.description)
        }
    }

    /// For messages: the path, or the address without any password.
    var name: String {
        switch self {
        case .file(let path): NamedJournal.fileName(path)
        case .postgres(let address): address.description
        }
    }

    /// The journal to write to: a file is created on the first append; a store is reached now.
    func store() throws -> any JournalStore {
        switch self {
        case .file(let path): FileJournal(path: path)
        case .postgres(let address): try Self.openStore(address)
        }
    }

    /// A journal that exists already; `missingFile` says what to do when a file is not there.
    func existingStore(missingFile: String) throws -> any JournalStore {
        switch self {
        case .file(let path):
            var info = stat()
            guard stat(path, &info) == 0 else { throw CommandFailure("no journal at \(SafeText.escape(path)): \(missingFile)") }
            return FileJournal(path: path)
        case .postgres(let address):
            let store = try Self.openStore(address)
            guard try Self.failing({ () throws(JournalError) in try store.exists() }) else {
                throw CommandFailure("no incident \(SafeText.quoted(address.incident)) in \(address.storeDescription): "
                                     + "`sitrep incidents -j \(address.storeDescription)` lists them")
            }
            return store
        }
    }

    /// Reaches the store, creating its schema on first use; one line if it cannot.
    static func openStore(_ address: PostgresAddress) throws -> PostgresJournal {
        guard !address.incident.isEmpty else {
            throw CommandFailure("\(address.description) names a store but no incident: add #INCIDENT "
                                 + "(`sitrep incidents -j \(address.description)` lists them)")
        }
        let store = PostgresJournal(address: address)
        if let warning = store.connector.passwordWarning { Output.warning("sitrep: \(warning)") }
        do {
            try store.open()
        } catch {
            throw CommandFailure(error.description + Self.copyHint(address))
        }
        return store
    }

    /// A file holding the journal's lines, for readers that index a file (replay, drill): the
    /// file itself, or a store's incident copied into its local copy first.
    static func file(of store: any JournalStore) throws -> String {
        guard let stored = store as? PostgresJournal else { return (store as! FileJournal).path }
        let copy = LocalCopy(of: stored.address)
        try failing { () throws(JournalError) in try copy.refresh(from: stored) }
        return copy.path
    }

    /// Where a dashboard on this host last kept a copy of the incident, when the store is down.
    static func copyHint(_ address: PostgresAddress) -> String {
        let copy = LocalCopy(of: address)
        guard !address.incident.isEmpty, access(copy.path, R_OK) == 0 else { return "" }
        return "; this host's copy as of its last dashboard: sitrep replay -j \(SafeText.escape(copy.path))"
    }

    /// A journal error as the command's one-line failure.
    @discardableResult
    static func failing<Value>(_ work: () throws(JournalError) -> Value) throws -> Value {
        do {
            return try work()
        } catch {
            throw CommandFailure(error.description)
        }
    }
}

extension PostgresAddress {
    /// The store without the incident, as `sitrep incidents` takes it.
    var storeDescription: String { incident("").description }
}
