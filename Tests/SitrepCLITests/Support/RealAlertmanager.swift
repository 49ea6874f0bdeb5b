import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Debian's `prometheus-alertmanager` (0.25, installed by `.ci/run`), on loopback with a
/// throwaway config and storage, notifying a `sitrep receive` through its webhook as a team
/// would set it up: a bearer token from a file, resolutions sent, groups by `alertname`.
final class RealAlertmanager {
    static let candidates = ["/usr/bin/prometheus-alertmanager", "/usr/bin/alertmanager"]

    let port: Int
    let process = Process()
    let log: OutputFile

    /// `routes` is YAML for child routes under the root; `receivers` for receivers beside `sitrep`.
    init(folder: TemporaryFolder, webhook: String, tokenFile: String, routes: String = "", receivers: String = "") throws {
        guard let binary = Self.candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw Missing(description: "Alertmanager is not installed: `apt-get install prometheus-alertmanager` (.ci/run does)")
        }
        port = try Self.freePort()
        // Short waits so a test sees a notification within seconds; repeat_interval short so
        // that Alertmanager's repeats happen during the test and must be recognised as repeats.
        let config = """
            route:
              receiver: sitrep
              group_by: [alertname]
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 2s
            \(routes)
            receivers:
              - name: sitrep
                webhook_configs:
                  - url: \(webhook)
                    send_resolved: true
                    http_config:
                      authorization:
                        credentials_file: \(tokenFile)
            \(receivers)
            """
        try config.write(toFile: folder.file("alertmanager.yml"), atomically: true, encoding: .utf8)
        log = try OutputFile()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "--config.file=\(folder.file("alertmanager.yml"))", "--storage.path=\(folder.file("alertmanager-data"))",
            "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=", "--log.level=debug",
        ]
        process.standardOutput = log.handle
        process.standardError = log.handle
        try process.run()
        guard log.waitFor("Listening on", seconds: 15) || log.waitFor("listening on", seconds: 1) else {
            throw Missing(description: "Alertmanager did not start: \(log.text)")
        }
    }

    deinit { stop(process) }

    /// Alerts as Prometheus posts them (API v2); `endsAt` in the past resolves them.
    func post(_ alerts: [[String: Any]]) async throws {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/v2/alerts")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: alerts)
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as! HTTPURLResponse).statusCode
        guard status == 200 else { throw Missing(description: "Alertmanager answered \(status): \(String(decoding: data, as: UTF8.self))") }
    }

    /// Successful webhook deliveries so far, from Alertmanager's own debug log.
    var notificationsSent: Int { log.text.components(separatedBy: "msg=\"Notify success\"").count - 1 }

    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    /// A port nothing listens on now: bound, read back, released.
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        guard bound else { throw Missing(description: "no free port on loopback") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
