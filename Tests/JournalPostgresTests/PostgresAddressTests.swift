import Foundation
import IncidentCore
import Testing
@testable import JournalPostgres

@Suite struct PostgresAddressTests {
    let environment = ["USER": "zoe"]

    @Test func everyPartIsRead() throws {
        let address = try PostgresAddress.parse("postgresql://alice@db.example:6543/incidents?sslmode=verify-full#checkout-2026-11-27",
                                                environment: environment)
        #expect(address.user == "alice" && address.host == "db.example" && address.port == 6543)
        #expect(address.database == "incidents" && address.incident == "checkout-2026-11-27")
        #expect(address.tlsMode == .verifyFull)
        #expect(address.description == "postgresql://alice@db.example:6543/incidents#checkout-2026-11-27")
    }

    @Test func leftOutPartsTakeLibpqsDefaults() throws {
        let address = try PostgresAddress.parse("postgres:///incidents", environment: environment)
        #expect(address.user == "zoe" && address.host == "localhost" && address.port == 5432)
        #expect(address.incident.isEmpty && address.tlsMode == .prefer)
        #expect(try PostgresAddress.parse("postgresql://h/db", environment: ["PGUSER": "bob", "USER": "zoe"]).user == "bob")
    }

    @Test("a password in the address is refused, and the error does not repeat it")
    func passwordsStayOffTheCommandLine() {
        #expect {
            try PostgresAddress.parse("postgresql://alice:hunter2@db/incidents#x", environment: environment)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("PGPASSWORD") && !text.contains("hunter2")
        }
    }

    @Test("bad addresses say what is wrong", arguments: [
        ("postgresql://db#x", "name one database"),
        ("postgresql://db/incidents?sslmode=maybe#x", "sslmode must be one of prefer, disable, require, verify-full"),
        ("postgresql://db/incidents?connect_timeout=3#x", "connect_timeout is not understood"),
        ("postgresql://db:0/incidents#x", "is not a port"),
    ])
    func badAddresses(text: String, expected: String) {
        #expect { try PostgresAddress.parse(text, environment: environment) } throws: {
            String(describing: $0).contains(expected)
        }
    }

    @Test func thePasswordFileIsReadAsLibpqReadsIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pgpass").path
        try "# comment\nother:5432:*:alice:nope\ndb:*:incidents:alice:s3cr\\:et\n".write(toFile: file, atomically: true, encoding: .utf8)
        let address = try PostgresAddress.parse("postgresql://alice@db/incidents#x", environment: environment)

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        let open = PasswordFile.password(for: address, environment: ["PGPASSFILE": file])
        #expect(open.password == nil && open.warning?.contains("chmod 600") == true)

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        #expect(PasswordFile.password(for: address, environment: ["PGPASSFILE": file]).password == "s3cr:et")
        #expect(PasswordFile.password(for: address, environment: ["PGPASSFILE": file, "PGPASSWORD": "env"]).password == "env")
        #expect(PasswordFile.password(for: address.incident("y"), environment: ["PGPASSFILE": file]).password == "s3cr:et")
    }
}
