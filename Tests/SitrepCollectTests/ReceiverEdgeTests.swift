import Foundation
import IncidentCore
import TestSupport
import Testing
@testable import SitrepCollect

/// The receiver as slow, half-closing and oversending clients meet it, over real sockets: what
/// matters is what the client sees, so these read the wire, not the receiver's state.
@Suite("sitrep receive at its edges: slow, half-closed and oversized requests")
struct ReceiverEdgeTests {
    typealias Fixture = AlertReceiverTests.Fixture

    static let alert = #"{"text": "disk 95% full on db-2"}"#

    static func post(_ body: String, path: String = "/alert", extraHeaders: String = "") -> String {
        "POST \(path) HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\(extraHeaders)Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }

    @Test("headers sent a byte at a time are cut at the deadline, counted from the connection's start")
    func dribbledHeadersAreCut() throws {
        let fixture = try Fixture { $0.headerTimeout = .seconds(1) }
        let connection = try RawConnection(port: fixture.receiver.boundPort)
        let started = ContinuousClock.now
        connection.send("POST /alert HTTP/1.1\r\nX-Slow: ")
        // A byte every 100 ms restarts the 30 s idle timer each time; only the deadline ends it.
        while !connection.isClosed, ContinuousClock.now - started < .seconds(6) {
            connection.send("a")
            Thread.sleep(forTimeInterval: 0.1)
        }
        let held = ContinuousClock.now - started
        #expect(held < .seconds(3), "held open for \(held)")
    }

    @Test("200 connections sending headers slowly: past the cap they are closed at once, the rest at the deadline")
    func manySlowClientsAreCappedAndCut() throws {
        let fixture = try Fixture { $0.headerTimeout = .seconds(4) }
        let cap = fixture.receiver.settings.maxConnectionsSendingHeaders
        let started = ContinuousClock.now
        // In batches, so the listen backlog (64) never overflows: a connection the kernel holds
        // back is accepted seconds later, after the deadline has freed the slots.
        let connections = try (0..<200).map { index in
            if index % 25 == 24 { Thread.sleep(forTimeInterval: 0.05) }
            return try RawConnection(port: fixture.receiver.boundPort)
        }
        for connection in connections { connection.send("P") }
        // Well before the deadline, only those past the cap are closed.
        while connections.filter(\.isClosed).count < 200 - cap, ContinuousClock.now - started < .seconds(3) {
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(connections.filter(\.isClosed).count == 200 - cap)
        while connections.contains(where: { !$0.isClosed }), ContinuousClock.now - started < .seconds(8) {
            Thread.sleep(forTimeInterval: 0.1)
        }
        let open = connections.filter { !$0.isClosed }.count
        #expect(open == 0, "still open after the deadline: \(open)")
        let refusals = fixture.log.all.filter { $0.contains("already sending headers") }
        #expect(refusals.count == 1, "rate-limited: \(fixture.log.all)")
        let health = try RawHTTP.exchange(port: fixture.receiver.boundPort, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(health.hasPrefix("HTTP/1.1 200"), "slots are given back: \(health)")
    }

    @Test("a kept-alive connection may wait between requests longer than the header deadline")
    func keepAliveIsNotCutByTheHeaderDeadline() throws {
        let fixture = try Fixture { $0.headerTimeout = .milliseconds(500) }
        let connection = try RawConnection(port: fixture.receiver.boundPort, receiveTimeout: 3)
        connection.send(Self.post(Self.alert))
        Thread.sleep(forTimeInterval: 1.2)  // the client idling past the deadline is what is tested
        connection.send(Self.post(#"{"text": "second"}"#, extraHeaders: "Connection: close\r\n"))
        let answer = connection.readToEnd().text
        #expect(answer.components(separatedBy: "HTTP/1.1 200").count == 3, "two answers: \(answer)")
        #expect(fixture.events.count == 2)
    }

    @Test("a body that stops coming gets 408 at the body deadline, and nothing is written")
    func slowBodyGets408() throws {
        let fixture = try Fixture { $0.bodyTimeout = .seconds(1) }
        let connection = try RawConnection(port: fixture.receiver.boundPort, receiveTimeout: 5)
        let started = ContinuousClock.now
        connection.send("POST /alert HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"text\": ")
        let answer = connection.readToEnd()
        #expect(answer.text.hasPrefix("HTTP/1.1 408"), "\(answer)")
        #expect(ContinuousClock.now - started < .seconds(3))
        #expect(fixture.events.isEmpty)
    }

    @Test("a client that half-closes after its request still reads the answer")
    func halfClosedClientGetsItsAnswer() throws {
        let fixture = try Fixture()
        let connection = try RawConnection(port: fixture.receiver.boundPort)
        connection.send(Self.post(Self.alert))
        connection.shutdownWrite()
        let answer = connection.readToEnd()
        #expect(answer.text.hasPrefix("HTTP/1.1 200"), "\(answer)")
        #expect(answer.text.hasSuffix("recorded 1\n"))
        #expect(fixture.events.count == 1)
    }

    @Test("a 1 MB body to a 256 KiB limit: the sender finishes sending and reads 413, never a reset",
          arguments: [false, true])
    func oversizedBodyIsAnsweredNotReset(chunked: Bool) throws {
        let fixture = try Fixture()
        let body = Array(#"{"text": ""#.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 1_000_000) + Array(#""}"#.utf8)
        let connection = try RawConnection(port: fixture.receiver.boundPort)
        let framing = chunked ? "Transfer-Encoding: chunked" : "Content-Length: \(body.count)"
        connection.send("POST /alert HTTP/1.1\r\nHost: x\r\n\(framing)\r\n\r\n")
        var sent = true
        for start in stride(from: 0, to: body.count, by: 65_536) where sent {
            let piece = Array(body[start..<min(start + 65_536, body.count)])
            sent = chunked ? connection.send(String(piece.count, radix: 16) + "\r\n") && connection.send(piece) && connection.send("\r\n")
                           : connection.send(piece)
        }
        if chunked, sent { sent = connection.send("0\r\n\r\n") }
        let answer = connection.readToEnd()
        #expect(sent, "the whole body went out")
        #expect(!answer.wasReset)
        #expect(answer.text.hasPrefix("HTTP/1.1 413"), "\(answer.text.prefix(200))")
        #expect(fixture.events.allSatisfy { $0.kind == .note }, "none of the body; at most the note that it went unheard")
    }

    @Test("curl posting 1 MB to a 256 KiB limit prints 413, with and without Expect: 100-continue",
          arguments: [[], ["-H", "Expect:"]])
    func curlSees413(extraArguments: [String]) throws {
        let fixture = try Fixture()
        let bodyPath = fixture.folder.path + "/big.json"
        try Data((#"{"text": ""# + String(repeating: "x", count: 1_000_000) + #""}"#).utf8).write(to: URL(fileURLWithPath: bodyPath))
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10", "--data-binary", "@" + bodyPath]
            + extraArguments + ["http://127.0.0.1:\(fixture.receiver.boundPort)/alert"]
        let output = Pipe()
        let errors = Pipe()
        curl.standardOutput = output
        curl.standardError = errors
        try curl.run()
        let status = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let complaint = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        curl.waitUntilExit()
        #expect(status == "413", "curl: \(complaint)")
        #expect(curl.terminationStatus == 0, "curl: \(complaint)")
    }

    @Test("the receiver's log escapes what it did not write itself: no raw control bytes reach stderr")
    func logLinesAreEscaped() async throws {
        let folder = TemporaryFolder()
        // A directory where the journal should be: every append fails, and the log names it.
        let hostile = folder.path + "/incident\u{1B}]2;PWNED\u{07}\u{202E}.jsonl"
        try FileManager.default.createDirectory(atPath: hostile, withIntermediateDirectories: false)
        let fixture = try Fixture(journalPath: hostile)
        let answer = try await fixture.send("/alert", body: Self.alert)
        #expect(answer.status == 503)
        let lines = fixture.log.all
        #expect(!lines.isEmpty)
        for line in lines {
            #expect(!line.unicodeScalars.contains(where: SafeText.needsEscape), "raw: \(line.debugDescription)")
        }
    }

    @Test("/healthz, which needs no token, will not hold a body: a GET with one is a 400, and nothing is written")
    func healthWithABodyIsRefused() async throws {
        let fixture = try Fixture(token: "s3cret", maxBody: 1_024)
        let answer = try RawHTTP.exchange(port: fixture.receiver.boundPort,
                                          "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n"
                                          + String(repeating: "x", count: 5_000))
        #expect(answer.hasPrefix("HTTP/1.1 400"), "\(answer)")
        #expect(answer.contains("GET /healthz takes no body"))
        let plain = try RawHTTP.exchange(port: fixture.receiver.boundPort, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(plain.hasPrefix("HTTP/1.1 200"), "\(plain)")
        // A 413's note comes within milliseconds (AlertmanagerEdgeTests); nothing marks its absence.
        try await Task.sleep(for: .milliseconds(300))
        #expect(fixture.events.isEmpty, "a health probe is not monitoring going unheard: \(fixture.events.map(\.text))")
    }

    @Test("the log names the path without its query string, which may carry a secret")
    func refusalsAreLoggedWithoutTheQuery() async throws {
        let fixture = try Fixture(token: "s3cret")
        let answer = try await fixture.send("/alertmanager?token=hunter2", body: "{}")
        #expect(answer.status == 401)
        let lines = fixture.log.all
        #expect(lines.contains { $0.contains("refused POST /alertmanager from 127.0.0.1: 401") }, "\(lines)")
        #expect(!lines.contains { $0.contains("hunter2") }, "\(lines)")
    }

    @Test("a --max-body near the largest integer does not overflow the budget of bodies held at once")
    func hugeMaxBodyDoesNotOverflow() {
        var settings = ReceiverSettings()
        settings.maxBodyBytes = Int.max / 2
        #expect(settings.bodyBudget == Int.max)
        let budget = BodyBudget(limit: settings.bodyBudget)
        #expect(budget.reserve(Int.max / 2))
        #expect(budget.reserve(Int.max / 2))
        #expect(!budget.reserve(Int.max / 2))
    }
}
