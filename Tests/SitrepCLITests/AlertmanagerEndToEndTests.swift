import Foundation
import TestSupport
import Testing
@testable import IncidentCore

/// `sitrep receive` behind Debian's Alertmanager 0.25, set up as an SRE would: what Alertmanager
/// really sends (whole groups, repeats, resolutions, `max_alerts` cuts) lands in the journal once.
@Suite(.oneAtATime, .serialized, .timeLimit(.minutes(5)))
struct AlertmanagerEndToEndTests {
    /// A running `sitrep receive` with a token, and the webhook URL Alertmanager should post to.
    struct Receiver {
        let scratch: TemporaryFolder
        let running: CLI.Launched
        let webhook: String

        init() throws {
            scratch = TemporaryFolder()
            try "s3cret\n".write(toFile: scratch.file("token"), atomically: true, encoding: .utf8)
            running = try CLI(folder: scratch.path).launch(["receive", "--listen", "127.0.0.1:0", "--token-file", "token"])
            guard running.output.waitFor("listening on", seconds: 10),
                  let address = running.output.text.firstMatch(of: /http:\/\/127\.0\.0\.1:\d+/)?.output else {
                throw RealAlertmanager.Missing(description: "sitrep receive did not start: \(running.errors.text)")
            }
            webhook = address + "/alertmanager"
        }

        var events: [Event] { scratch.eventsSoFar() }
    }

    static func alerts(_ name: String, count: Int, endsAt: Date? = nil) -> [[String: Any]] {
        (0..<count).map { index in
            var alert: [String: Any] = [
                "labels": ["alertname": name, "pool": "p\(index)", "service": "db", "severity": "critical"],
                "annotations": ["summary": "pool p\(index) has clients waiting"],
            ]
            if let endsAt { alert["endsAt"] = ISO8601DateFormatter().string(from: endsAt) }
            return alert
        }
    }

    @Test func aGroupOfAThousandLandsWholeOnceAndItsResolutionsAsNotes() async throws {
        let receiver = try Receiver()
        defer { stop(receiver.running.process) }
        let alertmanager = try RealAlertmanager(folder: receiver.scratch, webhook: receiver.webhook,
                                                tokenFile: receiver.scratch.file("token"))
        try await alertmanager.post(Self.alerts("PoolSaturated", count: 1_000))
        #expect(await eventually(seconds: 30) { receiver.events.filter { $0.kind == .alert }.count >= 1_000 },
                "alerts: \(receiver.events.filter { $0.kind == .alert }.count); receive said: \(receiver.running.errors.text)")

        // repeat_interval is 2 s: Alertmanager sends the whole group again; none of it is new.
        #expect(await eventually(seconds: 30) { alertmanager.notificationsSent >= 3 }, "\(alertmanager.notificationsSent) sent")
        let alerts = receiver.events.filter { $0.kind == .alert }
        #expect(alerts.count == 1_000)
        #expect(Set(alerts.compactMap { $0.extraValue("fingerprint")?.stringValue }).count == 1_000)

        try await alertmanager.post(Self.alerts("PoolSaturated", count: 1_000, endsAt: Date()))
        #expect(await eventually(seconds: 30) {
            receiver.events.filter { $0.text?.hasPrefix("resolved: PoolSaturated: ") == true }.count == 1_000
        }, "receive said: \(receiver.running.errors.text)")
        #expect(!receiver.running.errors.text.contains("refused"), "\(receiver.running.errors.text)")
    }

    @Test func alertsLeftOutByMaxAlertsAreCountedOnce() async throws {
        let receiver = try Receiver()
        defer { stop(receiver.running.process) }
        let alertmanager = try RealAlertmanager(
            folder: receiver.scratch, webhook: receiver.webhook, tokenFile: receiver.scratch.file("token"),
            routes: """
                  routes:
                    - receiver: capped
                      matchers: ['alertname="Capped"']
                """,
            receivers: """
                  - name: capped
                    webhook_configs:
                      - url: \(receiver.webhook)
                        max_alerts: 10
                        http_config:
                          authorization:
                            credentials_file: \(receiver.scratch.file("token"))
                """)
        try await alertmanager.post(Self.alerts("Capped", count: 50))
        #expect(await eventually(seconds: 30) { receiver.events.contains { $0.text?.hasPrefix("Alertmanager left out") == true } },
                "receive said: \(receiver.running.errors.text); alertmanager: \(alertmanager.log.text.suffix(2_000))")
        #expect(await eventually(seconds: 30) { alertmanager.notificationsSent >= 2 }, "a repeat of the cut group")
        let notes = receiver.events.filter { $0.text?.hasPrefix("Alertmanager left out") == true }
        #expect(notes.map(\.text) == ["Alertmanager left out 40 alerts of group {alertname=Capped} (its max_alerts); "
            + "10 came through. Alertmanager's own view has the rest."])
        #expect(receiver.events.filter { $0.kind == .alert }.count == 10)
    }
}
