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
        #expect(replay.lines.first?.contains("not declared at this point of the recording") == true)

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

    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func aJumpPastTheEndStopsAtTheEndAndSaysSo(_ width: Int, _ height: Int) throws {
        let scratch = TemporaryFolder()
        let journal = Repository.root + "/examples/seed-outage.jsonl"
        let replay = try TmuxSession(width: width, height: height, folder: scratch.path, script: """
            \(TmuxSession.sitrepCommandLine(["replay", "-j", journal, "--paused", "--theme", "mono"]))
            echo "EXITED $?"
            exec sleep 600
            """)
        #expect(replay.waitFor("event 3/449"), "screen:\n\(replay.screen)")
        try replay.press("t")
        #expect(replay.waitFor("jump to"), "screen:\n\(replay.screen)")
        try replay.type("2023-06-29T00:00:00Z")
        try replay.press("Enter")
        #expect(replay.waitFor("stopped at its end"), "screen:\n\(replay.screen)")
        let rows = replay.lines
        #expect(rows.first?.contains("RESOLVED") == true && rows.first?.contains("28d") == false, "screen:\n\(replay.screen)")
        #expect(rows.dropFirst().first?.contains("event 449/449") == true, "screen:\n\(replay.screen)")
        try replay.press("q")
        #expect(replay.waitFor("EXITED 0"), "screen:\n\(replay.screen)")
    }
}
