import Foundation
import TestSupport
import Testing

/// The timeline filter in a real terminal: `/` and a few letters keep the entries that hold them,
/// in any case, and entries another process appends are filtered as they arrive.
extension DashboardEndToEndTests {
    @Test func theFilterKeepsWhatHoldsItAndFiltersWhatArrives() throws {
        let scratch = TemporaryFolder()
        let cli = try declaredIncident(in: scratch)
        for text in ["restarted db-1", "pool exhausted", "DB-1 back"] {
            try #require(cli.run(["note", text, "--actor", "bob"]).status == 0)
        }
        let dashboard = try startDashboard(in: scratch)
        #expect(dashboard.waitFor("DB-1 back"), "screen:\n\(dashboard.screen)")
        try dashboard.press("/")
        #expect(dashboard.waitFor("filter›"), "screen:\n\(dashboard.screen)")
        try dashboard.press("d", "b", "-", "1")
        let filtered = dashboard.waitUntil { rows in
            rows.contains { $0.contains("restarted db-1") } && !rows.contains { $0.contains("pool exhausted") }
        }
        #expect(filtered?.contains { $0.contains("DB-1 back") } == true, "screen:\n\(dashboard.screen)")

        // File order: once the second note shows, the first has been read, and filtered out.
        try #require(cli.run(["note", "cache warmed", "--actor", "carol"]).status == 0)
        try #require(cli.run(["note", "db-1 replica promoted", "--actor", "carol"]).status == 0)
        #expect(dashboard.waitFor("db-1 replica promoted"), "screen:\n\(dashboard.screen)")
        #expect(!dashboard.screen.contains("cache warmed"), "screen:\n\(dashboard.screen)")

        try dashboard.press("Escape")
        #expect(dashboard.waitFor("cache warmed") && dashboard.screen.contains("pool exhausted"), "screen:\n\(dashboard.screen)")
    }
}
