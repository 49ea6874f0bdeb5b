import Foundation
import TestSupport
import Testing

/// `sitrep replay` in a real terminal: start paused, step, jump to the end, quit.
@Suite(.oneAtATime, .serialized, .timeLimit(.minutes(10)))
struct ReplayEndToEndTests {
    @Test func stepThroughTheSeedOutageAndQuit() throws {
        let scratch = TemporaryFolder()
        let journal = Repository.root + "/examples/seed-outage.jsonl"
        let replay = try TmuxSession(width: 110, height: 30, folder: scratch.path, script: """
            \(TmuxSession.sitrepCommandLine(["replay", "-j", journal, "--paused", "--theme", "mono"]))
            echo "EXITED $?"
            exec sleep 600
            """)

        #expect(replay.waitFor("REPLAY ❚❚ 60×  2023-06-01 08:30:02Z  event 3/449"), "screen:\n\(replay.screen)")
        #expect(replay.lines.first?.contains("no incident declared yet") == true)

        try replay.press("Right")
        #expect(replay.waitFor("2023-06-01 08:31:02Z  event 4/449"), "screen:\n\(replay.screen)")

        try replay.press("]")
        #expect(replay.waitFor("2023-06-01 09:20:00Z"), "the first entry a person wrote; screen:\n\(replay.screen)")
        #expect(replay.waitUntil { $0.first?.contains("SEV1  Web application outage") == true } != nil)
        #expect(replay.lines.contains { $0.contains("09:15:00 monitoring ALERT") })

        try replay.press("n")
        #expect(replay.waitFor("replay is read-only"), "screen:\n\(replay.screen)")

        try replay.press("G")
        #expect(replay.waitFor("event 449/449"), "screen:\n\(replay.screen)")
        #expect(replay.waitUntil { $0.first?.contains("RESOLVED") == true } != nil, "screen:\n\(replay.screen)")

        try replay.press("q")
        #expect(replay.waitFor("EXITED 0"), "screen:\n\(replay.screen)")
        #expect(try replay.format("#{alternate_on}") == "0", "the terminal is given back")
    }
}
