import Foundation
import TestSupport
import Testing
@testable import IncidentCore

/// Debian's lnav 0.11 (installed by `.ci/run`) with the format file sitrep ships, installed as the
/// README says into a throwaway HOME: every line is recognised, each at its own time.
@Suite(.oneAtATime, .serialized, .timeLimit(.minutes(3)))
struct LnavEndToEndTests {
    static let lnav = "/usr/bin/lnav"

    /// A HOME with the format installed by `lnav -i`, as a user would.
    struct Lnav {
        let home = TemporaryFolder()

        init() throws {
            try #require(FileManager.default.isExecutableFile(atPath: LnavEndToEndTests.lnav),
                         "lnav is not installed: `apt-get install lnav` (.ci/run does)")
            let installed = try run(["-i", Repository.file("formats/lnav/sitrep_journal.json")])
            try #require(installed.status == 0, "lnav -i: \(installed.output)")
        }

        /// An SQL query over `files`, as CSV rows (the header dropped).
        func query(_ sql: String, _ files: [String]) throws -> [[String]] {
            let result = try run(["-n", "-c", ";" + sql, "-c", ":write-csv-to -"] + files)
            guard result.status == 0 else { throw CLIFailure(description: "lnav: \(result.output)") }
            return result.output.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }

        private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: LnavEndToEndTests.lnav)
            process.arguments = arguments
            process.environment = ["HOME": home.path, "TERM": "dumb", "LANG": "C.UTF-8"]
            let output = try OutputFile()
            process.standardOutput = output.handle
            process.standardError = output.handle
            try process.run()
            process.waitUntilExit()
            return (process.terminationStatus, output.text)
        }
    }

    struct CLIFailure: Error, CustomStringConvertible { let description: String }

    /// lnav's `log_time`: UTC to the millisecond.
    static func lnavTime(_ time: Timestamp) -> String {
        let parts = CivilTime(time)
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(parts.year, 4))-\(padded(parts.month, 2))-\(padded(parts.day, 2)) "
            + "\(padded(parts.hour, 2)):\(padded(parts.minute, 2)):\(padded(parts.second, 2)).\(padded(parts.microsecond / 1000, 3))"
    }

    /// Every line of `path` is a sitrep_journal line in lnav, at the time its `ts` says.
    static func expectEveryLineAtItsOwnTime(_ path: String, lnav: Lnav) throws {
        let events = try FileJournal(path: path).events()
        let rows = try lnav.query("SELECT log_time, log_format FROM all_logs", [path])
        #expect(rows.count == events.count, "lnav saw \(rows.count) of \(events.count) lines")
        #expect(rows.allSatisfy { $0.last == "sitrep_journal" }, "\(rows.filter { $0.last != "sitrep_journal" }.prefix(3))")
        #expect(rows.map { $0[0] }.sorted() == events.map { lnavTime($0.ts) }.sorted())
    }

    @Test func theSeedOutageIsReadLineByLineAtItsOwnTimes() throws {
        let lnav = try Lnav()
        try Self.expectEveryLineAtItsOwnTime(Repository.file("examples/seed-outage.jsonl"), lnav: lnav)
        let kinds = try lnav.query("SELECT kind, count(*) FROM sitrep_journal WHERE kind IN ('alert', 'escalation') GROUP BY kind ORDER BY kind",
                                   [Repository.file("examples/seed-outage.jsonl")])
        #expect(kinds.map { $0[0] } == ["alert", "escalation"], "SQL over the events by kind: \(kinds)")
        let levels = try lnav.query("SELECT DISTINCT log_level FROM sitrep_journal WHERE kind = 'alert'", [Repository.file("examples/seed-outage.jsonl")])
        #expect(levels.flatMap { $0 }.contains("critical"), "alert levels are lnav's levels: \(levels)")
    }

    @Test func whatSitrepWritesIsReadAtItsOwnTimeEvenBackdated() throws {
        let lnav = try Lnav()
        let scratch = TemporaryFolder()
        let cli = CLI(folder: scratch.path)
        #expect(try cli.run(["declare", "Checkout slow", "--severity", "SEV2"]).status == 0)
        #expect(try cli.run(["note", "pool raised to 20", "--actor", "bob"]).status == 0)
        // Backdated: written after the others, at an earlier time. lnav must not move it forward.
        #expect(try cli.run(["note", "first 5xx seen", "--actor", "carol", "--at", "2020-01-01T09:15:00Z"]).status == 0)
        #expect(try cli.run(["note", "half a second in", "--at", "2020-01-01T09:15:00.5Z"]).status == 0)
        try Self.expectEveryLineAtItsOwnTime(scratch.file("incident.jsonl"), lnav: lnav)
        let backdated = try lnav.query("SELECT log_time, actor FROM sitrep_journal WHERE log_body = 'first 5xx seen'", [scratch.file("incident.jsonl")])
        #expect(backdated.first == ["2020-01-01 09:15:00.000", "carol"])
    }
}
