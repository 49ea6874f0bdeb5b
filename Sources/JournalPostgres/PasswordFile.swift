import Foundation

/// The password for an address, as libpq finds it: `PGPASSWORD`, else the first matching line
/// of `PGPASSFILE` or `~/.pgpass` (`host:port:database:user:password`, `*` matching anything,
/// `\:` and `\\` escaped). Like libpq, a password file others may read is ignored, with a
/// warning: it would hand every responder's password to anyone on the host.
public enum PasswordFile {
    public struct Lookup: Sendable, Equatable {
        public var password: String?
        /// Why a password file was not read, for the person to fix.
        public var warning: String?
    }

    public static func password(for address: PostgresAddress,
                                environment: [String: String] = ProcessInfo.processInfo.environment) -> Lookup {
        if let password = environment["PGPASSWORD"], !password.isEmpty { return Lookup(password: password) }
        let path = environment["PGPASSFILE"] ?? environment["HOME"].map { $0 + "/.pgpass" }
        guard let path, let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            return Lookup()
        }
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0
        guard mode & 0o077 == 0 else {
            return Lookup(warning: "\(path) is ignored: others may read it (chmod 600 \(path))")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return Lookup(warning: "\(path) is ignored: it cannot be read as text")
        }
        let wanted = [address.host, String(address.port), address.database, address.user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = splitFields(line)
            guard fields.count == 5 else { continue }
            let matches = zip(fields.prefix(4), wanted).allSatisfy { field, value in
                field == "*" || field == value
            }
            if matches { return Lookup(password: fields[4]) }
        }
        return Lookup()
    }

    /// Splits on unescaped colons, unescaping `\:` and `\\`.
    static func splitFields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
