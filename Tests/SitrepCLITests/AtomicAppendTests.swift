import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport
import Testing

/// An append is all or nothing. A file-size limit (with SIGXFSZ ignored) makes write() come up
/// short exactly as a full disk does, without root: the limit is set in the child alone.
@Suite(.oneAtATime) struct AtomicAppendTests {
    private func journalBytes(_ scratch: TemporaryFolder) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: scratch.file("incident.jsonl")))
    }

    private func declared(_ scratch: TemporaryFolder) throws -> CLI {
        let cli = CLI(folder: scratch.path)
        try cli.run(["declare", "Web application outage", "--severity", "SEV1", "--actor", "alice"])
        try cli.run(["note", "restarted db-1, no change", "--actor", "bob"])
        return cli
    }

    @Test func aNoteCutShortLeavesTheJournalAsItWasAndTheNextOneChains() throws {
        let scratch = TemporaryFolder()
        var cli = try declared(scratch)
        let before = try journalBytes(scratch)
        cli.limits = ["--fsize=\(before.count + 40)"]

        let failed = try cli.run(["note", "this note does not fit on the disk", "--actor", "carol"])
        #expect(failed.status != 0)
        #expect(failed.stderr.hasPrefix("sitrep: cannot write ") && failed.stderr.contains("File too large; nothing was written"),
                "\(failed.stderr)")
        #expect(failed.stderr.split(separator: "\n").count == 1, "\(failed.stderr)")
        #expect(try journalBytes(scratch) == before, "the cut-off note left bytes behind")

        cli.limits = []
        #expect(try cli.run(["note", "retried", "--actor", "carol"]).status == 0)
        let verify = try cli.run(["verify"])
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(try scratch.events().map { $0.text ?? "" }.suffix(2) == ["restarted db-1, no change", "retried"])
    }

    /// A user's `ulimit -f` leaves SIGXFSZ at its default, which would kill sitrep halfway through
    /// its write; sitrep ignores it, so the write comes up short and is taken back as above.
    @Test func aFileSizeLimitDoesNotKillTheWriterHalfway() throws {
        let scratch = TemporaryFolder()
        var cli = try declared(scratch)
        let before = try journalBytes(scratch)
        cli.limits = ["--fsize=\(before.count + 40)"]
        cli.fileSizeSignalAtDefault = true

        let failed = try cli.run(["note", "this note does not fit under the limit", "--actor", "carol"])
        #expect(failed.status == 1, "killed by a signal instead of failing cleanly: status \(failed.status)")
        #expect(failed.stderr.contains("File too large; nothing was written"), "\(failed.stderr)")
        #expect(try journalBytes(scratch) == before, "the cut-off note left bytes behind")
    }

    /// The newline that ends another writer's torn last line is a repair of what the writer found,
    /// not part of its own event: it stays when the event does not fit, and the torn line stays a
    /// bad line of its own rather than becoming the start of whichever append comes next.
    @Test func theRepairOfATornLineStaysWhenTheNoteDoesNotFit() throws {
        let scratch = TemporaryFolder()
        var cli = try declared(scratch)
        let handle = try #require(FileHandle(forWritingAtPath: scratch.file("incident.jsonl")))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"ts":"2023-06-01T09:00:00Z","kind":"no"#.utf8))
        try handle.close()
        let torn = try journalBytes(scratch)
        cli.limits = ["--fsize=\(torn.count + 1)"]

        #expect(try cli.run(["note", "this note does not fit", "--actor", "carol"]).status != 0)
        #expect(try journalBytes(scratch) == torn + Data([0x0A]))

        cli.limits = []
        #expect(try cli.run(["note", "retried", "--actor", "carol"]).status == 0)
        let verify = try cli.run(["verify"])
        #expect(verify.stdout.contains(":3: bad line"), "\(verify.stdout)")
        #expect(!verify.stdout.contains(":4:"), "the retry chains to the torn line: \(verify.stdout)")
    }

    /// The receiver writes an Alertmanager payload as one batch. Before, the lines that fitted
    /// stayed while the sender was told 503 "not recorded", and its retry recorded them twice.
    @Test func aBatchCutShortLeavesNothingAndTheSenderIsToldTheTruth() async throws {
        let scratch = TemporaryFolder()
        var cli = try declared(scratch)
        let before = try journalBytes(scratch)
        cli.limits = ["--fsize=\(before.count + 1200)"]
        let running = try cli.launch(["receive", "--listen", "127.0.0.1:0"])
        defer { stop(running.process) }
        #expect(running.output.waitFor("listening on", seconds: 10), "got: \(running.output.text)")
        let address = try #require(running.output.text.firstMatch(of: /http:\/\/127\.0\.0\.1:\d+/)).output
        let started = try journalBytes(scratch)  // with the receiver's note that it started
        #expect(started.count > before.count)

        let (status, answer) = try await post(address + "/alertmanager", Self.payload(alerts: 8))
        #expect(status == 503, "\(answer)")
        #expect(answer.contains("not recorded"), "\(answer)")
        #expect(try journalBytes(scratch) == started, "part of the batch stayed in the journal")

        cli.limits = []
        #expect(try cli.run(["note", "after the full disk"]).status == 0)
        #expect(try cli.run(["verify"]).status == 0)
    }

    private func post(_ url: String, _ body: String) async throws -> (Int, String) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as! HTTPURLResponse).statusCode, String(decoding: data, as: UTF8.self))
    }

    static func payload(alerts count: Int) -> String {
        let alerts = (1...count).map { index in
            """
            {"status": "firing", "labels": {"alertname": "PoolSaturated\(index)", "service": "checkout", "severity": "critical"},
             "annotations": {"summary": "\(index) clients waiting for a connection to app"},
             "startsAt": "2026-11-27T03:58:0\(index % 10).123Z", "endsAt": "0001-01-01T00:00:00Z",
             "fingerprint": "c4b1d2e3f4a5b6c\(index % 10)"}
            """
        }
        return #"{"version": "4", "status": "firing", "alerts": ["# + alerts.joined(separator: ",") + "]}"
    }
}
