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
