import Foundation
import IncidentCore

/// Where an incident lives in PostgreSQL: `postgresql://USER@HOST:PORT/DATABASE#INCIDENT`.
///
/// A password is never part of the address (it would show in `ps`, shell history and every
/// message naming the journal): it comes from `PGPASSWORD` or the password file, as with psql.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, CaseIterable {
        /// libpq's default: TLS when the server offers it, unverified.
        case prefer
        case disable
        /// Encrypted, the server's certificate not checked.
        case require
        /// Encrypted, the certificate checked against the system's (or `sslrootcert`'s) authorities
        /// and the host name.
        case verifyFull = "verify-full"
    }

    public var user: String
    public var host: String
    public var port: Int
    public var database: String
    /// The fragment; empty when the address names a store rather than one incident in it.
    public var incident: String
    public var tlsMode: TLSMode
    /// `sslrootcert=FILE`: the authorities `verify-full` trusts instead of the system's.
    public var rootCertificatePath: String?

    /// The address without a password, for messages: `postgresql://alice@db:5432/incidents#checkout-1`.
    public var description: String {
        "postgresql://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
            + (incident.isEmpty ? "" : "#\(incident)")
    }

    /// The same store, another incident in it.
    public func incident(_ name: String) -> PostgresAddress {
        var other = self
        other.incident = name
        return other
    }
}

public struct AddressError: Error, Equatable, Sendable, CustomStringConvertible {
    public let address: String
    public let reason: String
    public var description: String { "\(SafeText.escape(address)): \(reason)" }
}

extension PostgresAddress {
    /// Reads `postgresql://USER@HOST:PORT/DATABASE?sslmode=MODE#INCIDENT`. Every part but the
    /// database may be left out: the user is `$PGUSER` or the login name, the host `localhost`,
    /// the port 5432, the TLS mode `prefer`, the incident none.
    public static func parse(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(AddressError) -> PostgresAddress
    {
        func refuse(_ reason: String) -> AddressError { AddressError(address: redacted(text), reason: reason) }
        guard JournalAddress.isStore(text), let components = URLComponents(string: text) else {
            throw refuse("not a postgresql://USER@HOST:PORT/DATABASE#INCIDENT address")
        }
        guard components.password == nil else {
            throw refuse("a password does not belong in the address, where ps and shell history show it; "
                         + "set PGPASSWORD or put it in ~/.pgpass")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw refuse("name one database after the host: postgresql://HOST/DATABASE#INCIDENT")
        }
        let fallbackUser = environment["PGUSER"] ?? environment["USER"] ?? environment["LOGNAME"] ?? "postgres"
        var address = PostgresAddress(
            user: components.user.flatMap { $0.isEmpty ? nil : $0 } ?? fallbackUser,
            host: components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost",
            port: components.port ?? 5432,
            database: database,
            incident: components.fragment ?? "",
            tlsMode: .prefer)
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    throw refuse("sslmode must be one of "
                                 + TLSMode.allCases.map(\.rawValue).joined(separator: ", "))
                }
                address.tlsMode = mode
            case "sslrootcert":
                address.rootCertificatePath = item.value
            default:
                throw refuse("\(item.name) is not understood here; sslmode and sslrootcert are")
            }
        }
        guard (1...65535).contains(address.port) else { throw refuse("port \(address.port) is not a port") }
        guard address.incident.utf8.count <= 200, !address.incident.unicodeScalars.contains(where: SafeText.needsEscape)
        else { throw refuse("the incident's name (after #) must be at most 200 bytes of printable text") }
        return address
    }

    /// The text with any password in it replaced, so an error never repeats a secret.
    static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? "postgresql://…"
    }
}
