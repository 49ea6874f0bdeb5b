import Foundation
import IncidentCore
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// Opens connections to the store an address names, and says in one line why one could not be
/// opened: refused, authentication, TLS, or no answer within five seconds.
public struct StoreConnector: Sendable {
    public let address: PostgresAddress
    /// Why the password file was not read, when it was not: said once by whoever starts up.
    public let passwordWarning: String?
    private let password: String?
    public static let connectTimeout: Duration = .seconds(5)

    public init(address: PostgresAddress, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.address = address
        let lookup = PasswordFile.password(for: address, environment: environment)
        self.password = lookup.password
        self.passwordWarning = lookup.warning
    }

    /// A quiet logger: the client's own logging would write over the dashboard.
    static let logger = Logger(label: "sitrep.store") { _ in SwiftLogNoOpLogHandler() }

    public func connect() async throws(JournalError) -> PostgresConnection {
        let configuration: PostgresConnection.Configuration
        do {
            configuration = try makeConfiguration()
        } catch {
            throw .refused(location: address.description, reason: "TLS cannot be set up: \(error)")
        }
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Self.logger)
        } catch {
            throw explain(error)
        }
    }

    private func makeConfiguration() throws -> PostgresConnection.Configuration {
        var tls = TLSConfiguration.makeClientConfiguration()
        let mode: PostgresConnection.Configuration.TLS
        switch address.tlsMode {
        case .disable:
            mode = .disable
        case .prefer, .require:
            // libpq's require: encrypted, the certificate not checked (verify-full checks it).
            tls.certificateVerification = .none
            let context = try NIOSSLContext(configuration: tls)
            mode = address.tlsMode == .prefer ? .prefer(context) : .require(context)
        case .verifyFull:
            tls.certificateVerification = .fullVerification
            if let root = address.rootCertificatePath { tls.trustRoots = .file(root) }
            mode = .require(try NIOSSLContext(configuration: tls))
        }
        var configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user, password: password,
            database: address.database, tls: mode)
        configuration.options.connectTimeout = .seconds(Self.connectTimeout.components.seconds)
        return configuration
    }

    /// The client's errors hide their details from `description` (they may hold a query's
    /// values); this names what a responder can act on.
    func explain(_ error: any Error) -> JournalError {
        let location = address.description
        guard let error = error as? PSQLError else {
            return .unreachable(location: location, reason: SafeText.escape(String(describing: error)))
        }
        if let state = error.serverInfo?[.sqlState] {
            let message = SafeText.escape(error.serverInfo?[.message] ?? "")
            switch state {
            case "28P01", "28000":
                return .refused(location: location, reason: "authentication failed for user \(address.user): \(message) "
                                + "(the password comes from PGPASSWORD or ~/.pgpass)")
            case "3D000":
                return .refused(location: location, reason: "database \(address.database) does not exist")
            case "57P03", "53300":
                return .unreachable(location: location, reason: message)
            default:
                return .refused(location: location, reason: "\(message) (SQLSTATE \(state))")
            }
        }
        switch error.code {
        case .authMechanismRequiresPassword:
            return .refused(location: location, reason: "the server wants a password for \(address.user) and none was "
                            + "found: set PGPASSWORD or add a line to ~/.pgpass")
        case .sslUnsupported:
            return .refused(location: location, reason: "the server does not offer TLS, and sslmode=\(address.tlsMode.rawValue) requires it")
        case .failedToAddSSLHandler:
            return .refused(location: location, reason: "TLS could not be started")
        case .connectionError, .serverClosedConnection, .uncleanShutdown:
            return .unreachable(location: location, reason: Self.describeUnderlying(error.underlying))
        default:
            return .unreachable(location: location, reason: SafeText.escape(String(reflecting: error)))
        }
    }

    static func describeUnderlying(_ error: (any Error)?) -> String {
        switch error {
        case let error as NIOSSLError: return "TLS failed: \(SafeText.escape(String(describing: error)))"
        case let error as BoringSSLError: return "TLS failed: \(SafeText.escape(String(describing: error)))"
        case let error as IOError where error.errnoCode == ECONNREFUSED: return "connection refused"
        case let error as ChannelError:
            if case .connectTimeout = error { return "no answer within \(connectTimeout.components.seconds) s" }
            return SafeText.escape(String(describing: error))
        case let error as NIOConnectionError:
            // Every address the name resolved to was tried; the first failure speaks for them.
            if error.dnsAAAAError != nil && error.dnsAError != nil { return "the host name does not resolve" }
            return describeUnderlying(error.connectionErrors.first?.error)
        case let error?: return SafeText.escape(String(describing: error))
        case nil: return "the connection closed"
        }
    }
}
