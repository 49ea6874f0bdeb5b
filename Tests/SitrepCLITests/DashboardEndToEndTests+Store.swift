import Foundation
import TestSupport
import Testing
@testable import IncidentCore

/// The dashboard on an incident in PostgreSQL, in a real terminal: entries from another process
/// (another host, as far as the store can tell) arrive by LISTEN/NOTIFY; a store given without an
/// incident opens a picker of the open ones.
extension DashboardEndToEndTests {
    @Test func aDashboardOnAStoreShowsAnotherProcesssEntryWithinASecond() throws {
        let scratch = TemporaryFolder()
        let url = StoreLab.incident()
        let cli = CLI(folder: scratch.path)
        try #require(cli.run(["declare", "Payments degraded", "--severity", "SEV2", "--actor", "alice", "-j", url]).status == 0)
        let dashboard = try startDashboard(journal: url, in: scratch)
        let first = try #require(dashboard.waitUntil(seconds: 10) { $0.first?.contains("Payments degraded") == true },
                                 "screen:\n\(dashboard.screen)")
        #expect(first[0].contains("SEV2"), "header: \(first[0])")

        let appended = try cli.run(["note", "pool max raised to 40", "--actor", "bob", "-j", url])
        let start = ContinuousClock.now
        #expect(appended.status == 0, "\(appended.stderr)")
        #expect(dashboard.waitFor("pool max raised to 40", seconds: 5), "screen:\n\(dashboard.screen)")
        #expect(ContinuousClock.now - start < .seconds(1), "took \(ContinuousClock.now - start)")

        // And what is typed here lands in the store, for every other dashboard.
        try record(in: dashboard, key: "n", prompts: ["note›": "checking replicas"], confirmation: "recorded note as ic")
        let timeline = try cli.run(["timeline", "-j", url])
        #expect(timeline.stdout.contains("checking replicas"), "\(timeline.stdout)")
        try dashboard.press("q")
        #expect(dashboard.waitFor("EXITED 0"), "screen:\n\(dashboard.screen)")
    }

    @Test func aStoreWithoutAnIncidentOpensAPickerOfTheOpenOnes() throws {
        let scratch = TemporaryFolder()
        let cli = CLI(folder: scratch.path)
        let name = "picked-\(UUID().uuidString.prefix(6))"
        try #require(cli.run(["declare", "Queue backlog", "--severity", "SEV3", "-j", StoreLab.incident(name)]).status == 0)
        let dashboard = try startDashboard(journal: StoreLab.store, in: scratch, width: 160)
        let listed = try #require(dashboard.waitUntil(seconds: 10) { rows in rows.contains { $0.contains(name) } },
                                  "screen:\n\(dashboard.screen)")
        let row = try #require(listed.first { $0.contains(name) })
        let number = try #require(row.split(separator: " ").first.map(String.init))
        #expect(dashboard.waitFor("Open which?"))
        try dashboard.type(number)
        try dashboard.press("Enter")
        #expect(dashboard.waitUntil(seconds: 10) { $0.first?.contains("Queue backlog") == true } != nil,
                "screen:\n\(dashboard.screen)")
        try dashboard.press("q")
        #expect(dashboard.waitFor("EXITED 0"), "screen:\n\(dashboard.screen)")
    }
}

extension DashboardEndToEndTests {
    /// The seed outage's lesson: the store may be down during the very incident it records.
    @Test func whenTheStoreGoesDownTheHeaderSaysSinceWhenAndTheCopyOnThisHostStillReads() throws {
        let store = PrivatePoolLab(portBase: 47_000)
        try store.start()
        let scratch = TemporaryFolder()
        let url = "postgresql://postgres@127.0.0.1:\(store.postgresPort)/app#db-down"
        let state = scratch.file("state")
        let cli = CLI(folder: scratch.path)
        try #require(cli.run(["declare", "Orders failing", "--severity", "SEV1", "-j", url]).status == 0)
        try #require(cli.run(["note", "written before the outage", "-j", url]).status == 0)
        let dashboard = try startDashboard(journal: url, options: [], in: scratch, environment: ["XDG_STATE_HOME": state])
        #expect(dashboard.waitFor("written before the outage", seconds: 10), "screen:\n\(dashboard.screen)")

        try store.stopPostgres()
        let down = try #require(dashboard.waitUntil(seconds: 15) { $0.count > 1 && $0[1].contains("UNREACHABLE since") },
                                "screen:\n\(dashboard.screen)")
        #expect(down.contains { $0.contains("written before the outage") }, "the panes keep what was read")
        // Typed text is kept when the append fails, and Enter retries.
        try dashboard.press("n")
        #expect(dashboard.waitFor("note›"))
        try dashboard.type("typed while down")
        try dashboard.press("Enter")
        #expect(dashboard.waitFor("NOT RECORDED", seconds: 10), "screen:\n\(dashboard.screen)")
        #expect(dashboard.lines.contains { $0.contains("typed while down") }, "the text stays in the prompt")

        // The copy on this host reads without the store, as a file.
        let copies = try FileManager.default.subpathsOfDirectory(atPath: state).filter { $0.hasSuffix("db-down.jsonl") }
        let copy = state + "/" + (try #require(copies.first, "no copy under \(state)"))
        let timeline = try cli.run(["timeline", "-j", copy])
        #expect(timeline.stdout.contains("written before the outage"), "\(timeline.stdout)\(timeline.stderr)")

        try store.start()
        try dashboard.press("Enter")
        #expect(dashboard.waitFor("recorded note as ic", seconds: 15), "screen:\n\(dashboard.screen)")
        #expect(dashboard.waitUntil(seconds: 15) { $0.count > 1 && !$0[1].contains("UNREACHABLE") } != nil,
                "screen:\n\(dashboard.screen)")
        #expect(dashboard.waitFor("typed while down", seconds: 5))
        try dashboard.press("q")
        #expect(dashboard.waitFor("EXITED 0"), "screen:\n\(dashboard.screen)")
    }
}
