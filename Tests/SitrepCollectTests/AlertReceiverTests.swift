import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import IncidentCore
import TestSupport
import Testing
@testable import SitrepCollect

@Suite("sitrep receive: Alertmanager and plain alerts over real HTTP")
struct AlertReceiverTests {
    static let alertmanagerPayload = """
        {
          "version": "4",
          "groupKey": "{}:{alertname=\\"PgbouncerPoolSaturated\\"}",
          "truncatedAlerts": 0,
          "status": "firing",
          "receiver": "sitrep",
          "groupLabels": {"alertname": "PgbouncerPoolSaturated"},
          "commonLabels": {"severity": "critical"},
          "commonAnnotations": {},
          "externalURL": "http://alertmanager.example:9093",
          "alerts": [
            {
              "status": "firing",
              "labels": {"alertname": "PgbouncerPoolSaturated", "service": "checkout", "severity": "critical", "database": "app"},
              "annotations": {"summary": "17 clients waiting for a connection to app"},
              "startsAt": "2026-11-27T03:58:00.123Z",
              "endsAt": "0001-01-01T00:00:00Z",
              "generatorURL": "http://prometheus.example:9090/graph?g0.expr=pgbouncer_pools_client_waiting_connections+%3E+0",
              "fingerprint": "c4b1d2e3f4a5b6c7"
            },
            {
              "status": "resolved",
              "labels": {"alertname": "HighLatency", "job": "web", "severity": "warning"},
              "annotations": {"description": "p99 above 5 s"},
              "startsAt": "2026-11-27T03:40:00Z",
              "endsAt": "2026-11-27T04:01:00Z",
              "generatorURL": "http://prometheus.example:9090/graph",
              "fingerprint": "0a1b2c3d4e5f6a7b"
            }
          ]
        }
        """

    final class Fixture {
        let folder: TemporaryFolder
        var journal: FileJournal { FileJournal(path: folder.path + "/incident.jsonl") }
        /// What the receiver wrote to its log (stderr under `sitrep receive`).
        let log = LogLines()
        private(set) var receiver: AlertReceiver!

        init(token: String? = nil, maxBody: Int = 256 * 1024, journalPath: String? = nil,
             configure: (inout ReceiverSettings) -> Void = { _ in }) throws {
            folder = TemporaryFolder()
            try start(token: token, maxBody: maxBody, journalPath: journalPath, configure: configure)
        }

        func start(token: String? = nil, maxBody: Int = 256 * 1024, journalPath: String? = nil,
                   configure: (inout ReceiverSettings) -> Void = { _ in }) throws {
            var settings = ReceiverSettings()
            settings.port = 0
            settings.token = token
            settings.maxBodyBytes = maxBody
            configure(&settings)
            let log = self.log
            receiver = try AlertReceiver(settings: settings, store: FileJournal(path: journalPath ?? journal.path),
                                         log: { log.append($0) })
        }

        deinit { receiver.stop() }

        var events: [Event] { (try? journal.events()) ?? [] }

        func send(_ path: String, method: String = "POST", body: String = "", headers: [String: String] = [:]) async throws -> (status: Int, text: String) {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(receiver.boundPort)\(path)")!)
            request.httpMethod = method
            if method == "POST" { request.httpBody = Data(body.utf8) }
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as! HTTPURLResponse).statusCode, String(decoding: data, as: UTF8.self))
        }
    }

    @Test("a firing alert becomes an alert, a resolved one a note, with service, level and text from labels and annotations")
    func alertmanagerWebhook() async throws {
        let fixture = try Fixture()
        let answer = try await fixture.send("/alertmanager", body: Self.alertmanagerPayload)
        #expect(answer.status == 200)
        #expect(answer.text == "recorded 2\n")
        let events = fixture.events
        try #require(events.count == 2)
        let alert = events[0]
        #expect(alert.kind == .alert)
        #expect(alert.service == "checkout")
        #expect(alert.level == "critical")
        #expect(alert.text == "PgbouncerPoolSaturated: 17 clients waiting for a connection to app")
        #expect(alert.ts == RFC3339.parse("2026-11-27T03:58:00.123Z"))
        #expect(alert.actor == "alertmanager")
        #expect(alert.isAutomated)
        let note = events[1]
        #expect(note.kind == .note)
        #expect(note.text == "resolved: HighLatency: p99 above 5 s (web)")
        #expect(note.ts == RFC3339.parse("2026-11-27T04:01:00Z"))
        #expect(note.isAutomated)
        #expect(try JournalVerifier(path: fixture.journal.path).verify().isIntact)
    }

    @Test("Alertmanager repeating an alert, even to a restarted receiver, records it once")
    func repeatsAreRecordedOnce() async throws {
        let fixture = try Fixture()
        _ = try await fixture.send("/alertmanager", body: Self.alertmanagerPayload)
        let again = try await fixture.send("/alertmanager", body: Self.alertmanagerPayload)
        #expect(again.status == 200)
        #expect(again.text == "nothing new: 2 already recorded\n")
        await fixture.receiver.stop()
        try fixture.start()
        let afterRestart = try await fixture.send("/alertmanager", body: Self.alertmanagerPayload)
        #expect(afterRestart.text == "nothing new: 2 already recorded\n")
        #expect(fixture.events.count == 2)
    }

    @Test("with a token, a POST without it or with a wrong one is refused and writes nothing")
    func bearerToken() async throws {
        let fixture = try Fixture(token: "s3cret-token")
        let missing = try await fixture.send("/alertmanager", body: Self.alertmanagerPayload)
        let wrong = try await fixture.send("/alertmanager", body: Self.alertmanagerPayload, headers: ["Authorization": "Bearer s3cret-tokem"])
        let longer = try await fixture.send("/alert", body: #"{"text":"x"}"#, headers: ["Authorization": "Bearer s3cret-token-and-more"])
        #expect(missing.status == 401 && wrong.status == 401 && longer.status == 401)
        #expect(fixture.events.isEmpty)
        let right = try await fixture.send("/alertmanager", body: Self.alertmanagerPayload, headers: ["Authorization": "Bearer s3cret-token"])
        #expect(right.status == 200)
        #expect(fixture.events.count == 2)
    }

    @Test("an oversized body is refused with 413: none of it is written, only a note that it went unheard")
    func oversizedBody() async throws {
        let fixture = try Fixture(maxBody: 1024)
        let big = #"{"text": ""# + String(repeating: "x", count: 4096) + #""}"#
        let answer = try await fixture.send("/alert", body: big)
        #expect(answer.status == 413)
        #expect(await eventually(seconds: 5) { !fixture.events.isEmpty })
        #expect(fixture.events.map(\.kind) == [.note], "\(fixture.events.map(\.text))")
    }

    @Test("malformed payloads get a 400 that says what is wrong, and write nothing", arguments: [
        ("/alertmanager", "{not json", "not an Alertmanager webhook payload: the body is not valid JSON"),
        ("/alertmanager", #"{"version": "4"}"#, "alerts is missing"),
        ("/alertmanager", #"{"version": "3", "alerts": []}"#, "version \"3\" is not supported"),
        ("/alertmanager", #"{"version": "4", "alerts": [{"status": "firing"}]}"#, "alerts[0].labels is missing"),
        ("/alert", #"{"service": "web"}"#, "text is missing"),
        ("/alert", #"{"text": "   "}"#, "text is empty"),
        ("/alert", #"{"text": "x", "level": "panic"}"#, "level must be info, warning or critical"),
        ("/alert", #"["text"]"#, "expected {"),
    ])
    func malformed(path: String, body: String, expected: String) async throws {
        let fixture = try Fixture()
        let answer = try await fixture.send(path, body: body)
        #expect(answer.status == 400)
        #expect(answer.text.contains(expected), "\(answer.text)")
        #expect(fixture.events.isEmpty)
    }

    @Test("a plain alert from a script is recorded as sent")
    func plainAlert() async throws {
        let fixture = try Fixture()
        let answer = try await fixture.send("/alert", body: #"{"text": "disk 95% full on db-2", "service": "db", "level": "warning"}"#)
        #expect(answer.status == 200)
        let event = try #require(fixture.events.first)
        #expect(event.kind == .alert && event.text == "disk 95% full on db-2" && event.service == "db" && event.level == "warning")
    }

    @Test("wrong paths and methods get 404 and 405; /healthz answers")
    func routing() async throws {
        let fixture = try Fixture()
        #expect(try await fixture.send("/healthz", method: "GET").status == 200)
        #expect(try await fixture.send("/alert", method: "GET").status == 405)
        #expect(try await fixture.send("/nowhere", body: "{}").status == 404)
        #expect(fixture.events.isEmpty)
    }

    @Test("when the journal cannot be written, the answer is 503 so Alertmanager retries")
    func unwritableJournal() async throws {
        let fixture = try Fixture(journalPath: NSTemporaryDirectory())
        let answer = try await fixture.send("/alertmanager", body: Self.alertmanagerPayload)
        #expect(answer.status == 503)
        #expect(answer.text.contains("cannot append to the journal"))
    }

    @Test("a request pipelined behind a refused one is neither answered nor written")
    func nothingAfterARefusal() throws {
        let fixture = try Fixture(token: "s3cret")
        let alert = #"{"text": "sneaked in"}"#
        let refused = "POST /alert HTTP/1.1\r\nHost: x\r\nContent-Length: \(alert.utf8.count)\r\n\r\n\(alert)"
        let behind = "POST /alert HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret\r\nContent-Length: \(alert.utf8.count)\r\n\r\n\(alert)"
        let answer = try RawHTTP.exchange(port: fixture.receiver.boundPort, refused + behind)
        #expect(answer.hasPrefix("HTTP/1.1 401"))
        #expect(answer.components(separatedBy: "HTTP/1.1 ").count == 2, "one answer: \(answer)")
        // Nothing marks that a dropped request will never be written, so only time can tell; a
        // wait too short could let a bug pass, never fail a correct receiver.
        Thread.sleep(forTimeInterval: 0.3)
        #expect(fixture.events.isEmpty)
    }

    @Test("an alert of a few thousand characters but hundreds of KB is clipped by bytes and recorded")
    func hugeCharactersAreClippedByBytes() async throws {
        let fixture = try Fixture()
        let heavy = "e" + String(repeating: "\u{301}", count: 90_000)  // one character, 180 KB
        let payload = Self.alertmanagerPayload.replacingOccurrences(of: "17 clients waiting for a connection to app", with: heavy)
        let answer = try await fixture.send("/alertmanager", body: payload)
        #expect(answer.status == 200)
        let alert = try #require(fixture.events.first)
        #expect((alert.text?.utf8.count ?? 0) <= AlertPayloads.textLimit)
        #expect(alert.text?.hasPrefix("PgbouncerPoolSaturated: ") == true)
    }

    @Test("an alert dated ahead of our clock is still recognised when Alertmanager repeats it")
    func skewedAlertIsRecordedOnce() async throws {
        let fixture = try Fixture()
        let ahead = RFC3339.format(Timestamp.now().adding(seconds: 120))
        let payload = Self.alertmanagerPayload.replacingOccurrences(of: "2026-11-27T03:58:00.123Z", with: ahead)
        for _ in 0..<3 { _ = try await fixture.send("/alertmanager", body: payload) }
        let alerts = fixture.events.filter { $0.kind == .alert }
        #expect(alerts.count == 1)
        #expect(try #require(alerts.first).ts <= Timestamp.now(), "not placed in the timeline's future")
    }

    @Test("the bearer scheme is case-insensitive, the token is not", arguments: [
        ("bearer s3cret", true), ("BEARER s3cret", true), ("Bearer S3CRET", false), ("Bearer", false), ("Basic s3cret", false),
    ])
    func bearerScheme(header: String, accepted: Bool) {
        #expect(BearerToken.matches(header, token: "s3cret") == accepted)
    }

    @Test("only loopback addresses count as loopback", arguments: [
        ("127.0.0.1", true), ("127.8.9.10", true), ("localhost", true), ("::1", true),
        ("0.0.0.0", false), ("127.evil.example", false), ("10.0.0.1", false), ("::", false),
    ])
    func loopback(host: String, expected: Bool) {
        var settings = ReceiverSettings()
        settings.host = host
        #expect(settings.isLoopback == expected)
    }
}
