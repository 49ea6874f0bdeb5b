import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport
import Testing
@testable import IncidentCore

@Suite(.oneAtATime) struct CollectCommandTests {
    @Test func collectsFromACommandUntilSIGTERMAndSaysWhy() throws {
        let scratch = TemporaryFolder()
        let cli = CLI(folder: scratch.path)
        let reading = scratch.file("reading.json")
        try #"{"in_use": 1, "max": 4, "waiting": 0}"#.write(toFile: reading, atomically: true, encoding: .utf8)
        try """
            [[pool]]
            name = "app"
            every = "100ms"
            command = "cat reading.json"

            [[health]]
            service = "nothing-listens-here"
            url = "http://127.0.0.1:9/healthz"
            every = "100ms"
            """.write(toFile: scratch.file("collect.toml"), atomically: true, encoding: .utf8)
        let running = try cli.launch(["collect", "--config", "collect.toml"])
        let collector = running.process
        defer { stop(collector) }

        #expect(eventually(seconds: 10) { scratch.eventsSoFar().contains { $0.kind == .pool } })
        try #"{"in_use": 4, "max": 4, "waiting": 6}"#.write(toFile: reading, atomically: true, encoding: .utf8)
        #expect(eventually(seconds: 10) { scratch.eventsSoFar().contains { $0.kind == .alert && $0.text?.hasPrefix("pool app") == true } })
        collector.terminate()
        collector.waitUntilExit()
        #expect(collector.terminationStatus == 0)
        #expect(running.errors.text.contains("sitrep collect: SIGTERM: writing what is pending and stopping"))

        let events = try scratch.events()
        #expect(events.filter { $0.kind == .pool }.map(\.waiting).prefix(2) == [0, 6])
        #expect(events.contains { $0.kind == .alert && $0.text == "nothing-listens-here is down: connection refused" })
        #expect(events.contains { $0.kind == .health && $0.state == "down" && $0.service == "nothing-listens-here" })
        #expect(events.last?.text == "collector stopped; panes fed by it are no longer live")
        #expect(try cli.run(["verify"]).status == 0)
    }

    @Test func aBadConfigNamesTheFileAndLineAndStartsNothing() throws {
        let scratch = TemporaryFolder()
        try "[[pool]]\nname = \"app\"\ncommand = \"true\"\nevery = \"often\"\n".write(toFile: scratch.file("collect.toml"), atomically: true, encoding: .utf8)
        let result = try CLI(folder: scratch.path).run(["collect", "--config", "collect.toml"])
        #expect(result.status == 1)
        #expect(result.stderr == "sitrep: collect.toml:4: [[pool]] \"app\": every: expected a duration in quotes such as \"500ms\", \"5s\", \"1m\" or \"1h\" (a year at most)\n")
        #expect(!FileManager.default.fileExists(atPath: scratch.file("incident.jsonl")))
    }

    @Test func aJournalThatCannotBeWrittenStopsBothAtOnce() throws {
        let scratch = TemporaryFolder()
        let cli = CLI(folder: scratch.path)
        try "[[pool]]\nname = \"app\"\ncommand = \"true\"\n".write(toFile: scratch.file("collect.toml"), atomically: true, encoding: .utf8)
        let collect = try cli.run(["collect", "--config", "collect.toml", "-j", "no-such-folder/incident.jsonl"])
        let receive = try cli.run(["receive", "--listen", "127.0.0.1:0", "-j", "no-such-folder/incident.jsonl"])
        for result in [collect, receive] {
            #expect(result.status == 1)
            #expect(result.stderr == "sitrep: cannot open no-such-folder/incident.jsonl: No such file or directory\n")
        }
    }

    @Test func checkSaysWhatWouldBeWatched() throws {
        let result = try CLI(folder: Repository.root).run(["collect", "--config", "examples/collect.toml", "--check"])
        #expect(result.status == 0)
        #expect(result.lines.contains("health web: GET http://127.0.0.1:8080/healthz every 5s, timeout 2s, degraded over 500 ms"))
        #expect(result.lines.contains("pool app: run `examples/pgbouncer-pool.sh --port 6432 --admin-user pgbouncer --database app` every 2s"))
    }
}

@Suite(.oneAtATime) struct ReceiveCommandTests {
    private func post(_ url: String, _ body: String, token: String? = nil) async throws -> Int {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as! HTTPURLResponse).statusCode
    }

    @Test func receivesAlertsBehindATokenUntilSIGTERM() async throws {
        let scratch = TemporaryFolder()
        try "  s3cret\n".write(toFile: scratch.file("token"), atomically: true, encoding: .utf8)
        let running = try CLI(folder: scratch.path).launch(["receive", "--listen", "127.0.0.1:0", "--token-file", "token"])
        let receiver = running.process
        let output = running.output
        defer { stop(receiver) }
        #expect(output.waitFor("listening on", seconds: 10), "got: \(output.text)")
        let address = try #require(output.text.firstMatch(of: /http:\/\/127\.0\.0\.1:\d+/)).output

        #expect(try await post(address + "/alert", #"{"text": "checkout 5xx above 20%", "service": "checkout", "level": "critical"}"#) == 401)
        #expect(try await post(address + "/alert", #"{"text": "checkout 5xx above 20%", "service": "checkout", "level": "critical"}"#, token: "s3cret") == 200)
        receiver.terminate()
        receiver.waitUntilExit()
        #expect(receiver.terminationStatus == 0)
        let events = try scratch.events()
        try #require(events.count == 3, "\(events.map(\.text))")
        #expect(events[0].kind == .note && events[0].text == "receiver started, listening on \(address) (POST /alertmanager, POST /alert)")
        #expect(events[1].text == "checkout 5xx above 20%")
        #expect(events[1].actor == "alertmanager")
        #expect(events[2].kind == .note && events[2].text == "receiver stopped (SIGTERM); alerts sent from now on are not recorded")
        #expect(events.allSatisfy { $0.isAutomated })
        let errors = running.errors.text
        #expect(errors.contains("refused POST /alert from 127.0.0.1: 401 missing or wrong bearer token"), "\(errors)")
    }

    @Test func refusesToListenBeyondLoopbackWithoutAToken() throws {
        let scratch = TemporaryFolder()
        let result = try CLI(folder: scratch.path).run(["receive", "--listen", "0.0.0.0:0"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("give --token-file, or listen on 127.0.0.1"))
    }
}
