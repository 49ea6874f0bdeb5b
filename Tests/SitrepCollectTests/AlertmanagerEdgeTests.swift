import Foundation
import IncidentCore
import TestSupport
import Testing
@testable import SitrepCollect

/// What Alertmanager really sends, at its edges: whole groups of a thousand alerts, summaries that
/// change while an alert fires, groups cut by `max_alerts`, posts without fingerprints.
@Suite("sitrep receive: Alertmanager at its edges, over real HTTP")
struct AlertmanagerEdgeTests {
    typealias Fixture = AlertReceiverTests.Fixture

    /// A webhook body with `count` firing alerts of one group, as Alertmanager 0.25 writes it.
    static func group(_ count: Int, summary: (Int) -> String = { "pool p\($0) saturated" },
                      truncated: Int = 0, fingerprints: Bool = true) -> String {
        let alerts = (0..<count).map { index in
            let fingerprint = fingerprints ? #", "fingerprint": "\#(String(format: "%016x", index + 1))""# : ""
            return #"""
                {"status": "firing", "labels": {"alertname": "PoolSaturated", "pool": "p\#(index)", "service": "db", "severity": "critical", "instance": "db-\#(index % 7):9127"},
                 "annotations": {"summary": "\#(summary(index))", "description": "clients are waiting for a server connection"},
                 "startsAt": "2026-11-27T03:58:00Z", "endsAt": "0001-01-01T00:00:00Z",
                 "generatorURL": "http://prometheus.example:9090/graph?g0.expr=pgbouncer_pools_client_waiting_connections"\#(fingerprint)}
                """#
        }
        return #"""
            {"version": "4", "groupKey": "{}:{alertname=\"PoolSaturated\"}", "truncatedAlerts": \#(truncated),
             "status": "firing", "receiver": "sitrep", "groupLabels": {"alertname": "PoolSaturated"},
             "commonLabels": {"alertname": "PoolSaturated"}, "commonAnnotations": {},
             "externalURL": "http://alertmanager.example:9093", "alerts": [\#(alerts.joined(separator: ","))]}
            """#
    }

    @Test("a group of 1,000 alerts lands whole under the default body limit")
    func aThousandAlertsLandWhole() async throws {
        let body = Self.group(1_000)
        #expect(body.utf8.count > 400_000, "as large as a real group: \(body.utf8.count) bytes")
        let fixture = try Fixture(maxBody: ReceiverSettings.defaultMaxBodyBytes)
        let answer = try await fixture.send("/alertmanager", body: body)
        #expect(answer.status == 200, "\(answer.text)")
        #expect(fixture.events.filter { $0.kind == .alert }.count == 1_000)
        let again = try await fixture.send("/alertmanager", body: body)
        #expect(again.text == "nothing new: 1000 already recorded\n")
    }

    @Test("a body over the limit is a 413 the sender reads, a line on stderr, and one note in the journal")
    func tooLargeIsSaidEverywhere() async throws {
        let fixture = try Fixture(token: "s3cret", maxBody: 64 * 1024)
        let body = Self.group(300)
        let auth = ["Authorization": "Bearer s3cret"]
        let first = try await fixture.send("/alertmanager", body: body, headers: auth)
        let second = try await fixture.send("/alertmanager", body: body, headers: auth)
        #expect(first.status == 413 && second.status == 413)
        #expect(first.text.contains("over 65536 bytes"))
        #expect(await eventually(seconds: 5) { !fixture.events.isEmpty })
        let notes = fixture.events
        #expect(notes.count == 1, "one note a minute, not one per refusal: \(notes.map(\.text))")
        #expect(notes.first?.text?.contains("monitoring spoke and was not heard") == true)
        #expect(notes.first?.text?.contains("--max-body") == true)
        #expect(fixture.log.all.filter { $0.contains("refused POST /alertmanager from 127.0.0.1: 413") }.count == 2,
                "\(fixture.log.all)")
    }

    @Test("a 413 to a sender without the token writes nothing: only an authenticated sender reaches the journal")
    func unauthenticatedTooLargeWritesNothing() async throws {
        let fixture = try Fixture(token: "s3cret", maxBody: 1_024)
        let answer = try await fixture.send("/alertmanager", body: Self.group(20))
        #expect(answer.status == 401)
        #expect(fixture.log.all.contains { $0.contains("refused POST /alertmanager from 127.0.0.1: 401") })
        // Nothing marks that no note will come; the note of an authenticated 413 comes within
        // milliseconds (tooLargeIsSaidEverywhere), so this wait could only let a bug pass.
        try await Task.sleep(for: .milliseconds(300))
        #expect(fixture.events.isEmpty)
    }

    @Test("bodies held at once are bounded together: one past the budget is a 503 to retry, and the budget comes back")
    func bodiesAtOnceAreBounded() async throws {
        let fixture = try Fixture(maxBody: 64 * 1024) { $0.maxBodyBytesAtOnce = 100 * 1024 }
        // A sender that has sent 60 KB of its body and is still sending holds 60 KB of the budget.
        let slow = try RawConnection(port: fixture.receiver.boundPort)
        #expect(slow.send("POST /alert HTTP/1.1\r\nHost: x\r\nContent-Length: 62000\r\n\r\n{\"text\": \""
                          + String(repeating: "x", count: 60_000)))
        var second = Data(#"{"text": ""#.utf8) + Data(repeating: UInt8(ascii: "y"), count: 50_000) + Data(#""}"#.utf8)
        // Until the first 60 KB are counted, which nothing outside marks but the 503 itself; a
        // probe that gets in before then is simply recorded.
        var answer = (status: 0, text: "")
        for _ in 0..<250 where answer.status != 503 {  // up to 5 s: a loaded machine counts late
            answer = try await fixture.send("/alert", body: String(decoding: second, as: UTF8.self))
            if answer.status != 503 { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(answer.status == 503, "\(answer)")
        #expect(answer.text.contains("busy"), "\(answer.text)")
        slow.shutdownWrite()
        _ = slow.readToEnd()  // the cut-short request is dropped with its connection, and its bytes with it
        second = Data(#"{"text": "after the budget came back"}"#.utf8)
        #expect(await eventually(seconds: 10) {
            (try? await fixture.send("/alert", body: String(decoding: second, as: UTF8.self)).status) == 200
        })
        #expect(fixture.events.last?.text == "after the budget came back")
    }

    @Test("a summary that changes while the alert fires is recorded; an identical repeat is not")
    func aChangedSummaryIsNews() async throws {
        let fixture = try Fixture()
        _ = try await fixture.send("/alertmanager", body: Self.group(1) { _ in "17 clients waiting" })
        _ = try await fixture.send("/alertmanager", body: Self.group(1) { _ in "17 clients waiting" })
        let changed = try await fixture.send("/alertmanager", body: Self.group(1) { _ in "40 clients waiting" })
        #expect(changed.text == "recorded 1\n")
        #expect(fixture.events.map(\.text) == ["PoolSaturated: 17 clients waiting", "PoolSaturated: 40 clients waiting"])
    }

    @Test("alerts without a fingerprint get Alertmanager's own, so a repeat is known")
    func missingFingerprintsAreComputed() async throws {
        let fixture = try Fixture()
        _ = try await fixture.send("/alertmanager", body: Self.group(3, fingerprints: false))
        let again = try await fixture.send("/alertmanager", body: Self.group(3, fingerprints: false))
        #expect(again.text == "nothing new: 3 already recorded\n")
        let fingerprints = fixture.events.compactMap { $0.extraValue("fingerprint")?.stringValue }
        #expect(fingerprints.count == 3 && Set(fingerprints).count == 3)
        #expect(fingerprints.allSatisfy { $0.count == 16 && $0.allSatisfy(\.isHexDigit) })
    }

    @Test("the fingerprint is Prometheus's: FNV-1a over sorted labels, whatever their order")
    func fingerprintIsPrometheus() {
        #expect(AlertmanagerFingerprint.of([:]) == "cbf29ce484222325", "FNV-1a's offset basis: Prometheus's empty label set")
        let sent = ["alertname": "PoolSaturated", "pool": "p0", "service": "db", "severity": "critical"]
        #expect(AlertmanagerFingerprint.of(sent) == "80232a9c78c2cefe", "as Alertmanager 0.25 sent it for these labels")
        let labels = ["alertname": "PoolSaturated", "pool": "app", "severity": "critical"]
        #expect(AlertmanagerFingerprint.of(labels) == AlertmanagerFingerprint.of(Dictionary(uniqueKeysWithValues: labels.reversed())))
        #expect(AlertmanagerFingerprint.of(labels) != AlertmanagerFingerprint.of(["alertname": "PoolSaturated", "pool": "app"]))
        // Name and value are separated, so moving a letter across the boundary changes the hash.
        #expect(AlertmanagerFingerprint.of(["ab": "c"]) != AlertmanagerFingerprint.of(["a": "bc"]))
    }

    @Test("alerts Alertmanager left out (max_alerts) are counted in a note, once per group and count")
    func truncatedAlertsAreNoted() async throws {
        let fixture = try Fixture()
        let body = Self.group(2, truncated: 998)
        let answer = try await fixture.send("/alertmanager", body: body)
        #expect(answer.text == "recorded 3\n")
        let note = try #require(fixture.events.first { $0.kind == .note })
        #expect(note.text == "Alertmanager left out 998 alerts of group {alertname=PoolSaturated} (its max_alerts); "
            + "2 came through. Alertmanager's own view has the rest.")
        #expect(try await fixture.send("/alertmanager", body: body).text == "nothing new: 3 already recorded\n")
    }

    @Test("a script says who it is with actor; a blank or long actor is refused")
    func scriptsNameThemselves() async throws {
        let fixture = try Fixture()
        #expect(try await fixture.send("/alert", body: #"{"text": "deploy 4711 rolled back", "actor": "deploy-bot"}"#).status == 200)
        #expect(fixture.events.first?.actor == "deploy-bot")
        let blank = try await fixture.send("/alert", body: #"{"text": "x", "actor": "  "}"#)
        let long = try await fixture.send("/alert", body: #"{"text": "x", "actor": "\#(String(repeating: "a", count: 65))"}"#)
        #expect(blank.status == 400 && long.status == 400 && blank.text.contains("actor must be"))
        #expect(fixture.events.count == 1)
    }
}
