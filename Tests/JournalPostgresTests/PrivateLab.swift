import Foundation
import TestSupport
@testable import JournalPostgres

/// A private pool lab (TestSupport's `PrivatePoolLab`) as the follower's async tests use it: its
/// script runs on a thread of its own, never blocking the cooperative pool.
final class PrivateLab: Sendable {
    let lab = PrivatePoolLab(portBase: 45_000)

    func address(database: String, incident: String = "") -> PostgresAddress {
        PostgresLab.address(database: database, port: lab.postgresPort, incident: incident)
    }

    func start() async throws { try await onOwnThread { [lab] in try lab.start() } }
    func stopPostgres() async throws { try await onOwnThread { [lab] in try lab.stopPostgres() } }

    /// Stops both servers and removes the folder.
    func remove() async {
        try? await onOwnThread { [lab] in try lab.run("stop") }
    }
}
