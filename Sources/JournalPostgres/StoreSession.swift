import IncidentCore
import Logging
import PostgresNIO
import Synchronization

/// A store object's one connection: opened at first use (the schema checked then), opened again
/// after it failed, and lent to one call at a time. Callers on several threads (the dashboard's,
/// NIO's thread pool) queue on the lock rather than interleave statements in one transaction.
final class StoreSession: Sendable {
    let connector: StoreConnector
    /// Held for a whole call to the store, waits included: a pthread lock, not `Mutex`, which is
    /// for locks that never wait (docs/architecture.md).
    private let state = ConditionLock<State>(State())
    /// How long one call may take before the connection is given up: a store that stopped
    /// answering (a cable pulled, a frozen host) must not hang an append for TCP's minutes.
    static let callLimit: Duration = .seconds(5)

    private struct State: Sendable {
        var connection: PostgresConnection?
        /// The schema was checked (and created or migrated) on some connection of this session.
        var schemaReady = false
    }

    /// False for a session that only looks (listing incidents): a store without the schema
    /// then simply holds nothing, instead of being set up by whoever lists it.
    let createsSchema: Bool

    init(connector: StoreConnector, createsSchema: Bool = true) {
        self.connector = connector
        self.createsSchema = createsSchema
    }

    var location: String { connector.address.description }
    static var logger: Logger { StoreConnector.logger }

    /// Runs `work` on the connection, opening it first when there is none. When the connection
    /// fails under the work (a kept one found dead after PostgreSQL restarted, or one dropped
    /// after COMMIT was sent), the work runs once more on a new one: `work` must be safe to
    /// repeat (appends are, by their ids).
    @discardableResult
    func run<Value: Sendable>(within limit: Duration = callLimit,
                              _ work: @escaping @Sendable (PostgresConnection) async throws -> Value)
        throws(JournalError) -> Value
    {
        do {
            return try state.withLock { (state: inout State) throws -> Value in
                let connection = try openIfNeeded(&state)
                do throws(JournalError) {
                    return try perform(work, within: limit, on: connection, &state)
                } catch let failure {
                    guard case .unreachable = failure else { throw failure }
                    return try perform(work, within: limit, on: try openIfNeeded(&state), &state)
                }
            }
        } catch {
            // Only JournalErrors are thrown above; the lock's `rethrows` forgets the type.
            throw error as? JournalError ?? .unreachable(location: location, reason: SafeText.escape("\(error)"))
        }
    }

    /// Closes the connection; the next call opens a new one.
    func close() {
        let connection = state.withLock { state -> PostgresConnection? in
            defer { state.connection = nil }
            return state.connection
        }
        if let connection { Self.close(connection) }
    }

    deinit {
        if let connection = state.withLock({ $0.connection }) { Self.close(connection) }
    }

    /// Closes without waiting. The connection is kept until it has closed: the client asserts
    /// that none is let go while still open.
    static func close(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    private func perform<Value: Sendable>(_ work: @escaping @Sendable (PostgresConnection) async throws -> Value,
                                          within limit: Duration, on connection: PostgresConnection,
                                          _ state: inout State)
        throws(JournalError) -> Value
    {
        do {
            return try Blocking.run(on: connection.eventLoop, within: limit, onTimeout: { Self.close(connection) }) {
                try await work(connection)
            }
        } catch {
            let explained = explain(error, on: connection)
            if case .unreachable = explained {
                // Whatever state it was left in, the next call starts on a new connection.
                Self.close(connection)
                state.connection = nil
            }
            throw explained
        }
    }

    private func openIfNeeded(_ state: inout State) throws(JournalError) -> PostgresConnection {
        if let connection = state.connection, !connection.isClosed { return connection }
        state.connection = nil
        let (connector, createsSchema) = (self.connector, self.createsSchema)
        let connection: PostgresConnection
        do {
            connection = try Blocking.run { try await connector.connect() }
        } catch {
            throw error as? JournalError ?? .unreachable(location: location, reason: SafeText.escape("\(error)"))
        }
        if !state.schemaReady {
            let setup = SchemaSetup(address: connector.address, mayCreate: createsSchema)
            do {
                let ready = try Blocking.run(on: connection.eventLoop, within: Self.callLimit, onTimeout: { Self.close(connection) }) {
                    try await setup.prepare(connection)
                }
                if !ready {
                    try Blocking.run(on: connection.eventLoop, within: SchemaSetup.migrationLimit,
                                     onTimeout: { Self.close(connection) }) { try await setup.migrateAndCheck(connection) }
                }
            } catch {
                Self.close(connection)
                throw explain(error, on: connection)
            }
            state.schemaReady = true
        }
        state.connection = connection
        return connection
    }

    /// Our own refusals pass through; a timeout or a dropped connection is `.unreachable`; what
    /// the server said is the connector's explanation.
    private func explain(_ error: any Error, on connection: PostgresConnection) -> JournalError {
        switch error {
        case let error as JournalError:
            return error
        case let error as Blocking.TimedOut:
            return .unreachable(location: location, reason: "no answer within \(error.limit.components.seconds) s")
        case let error as PSQLError where connection.isClosed || Self.isConnectionLoss(error):
            if case .unreachable(_, let reason) = connector.explain(error) {
                return .unreachable(location: location, reason: reason)
            }
            let said = error.serverInfo?[.message].map { SafeText.escape($0) }
            return .unreachable(location: location, reason: said ?? "the connection closed")
        default:
            return connector.explain(error)
        }
    }

    /// The connection is gone or going: the server shut down or cut it (SQLSTATE class 57P,
    /// operator intervention), the link failed (class 08), or the client saw it close.
    private static func isConnectionLoss(_ error: PSQLError) -> Bool {
        if let state = error.serverInfo?[.sqlState] { return state.hasPrefix("57P") || state.hasPrefix("08") }
        return [.serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown].contains(error.code)
    }
}
