import Foundation
import TestSupport
import Testing
@testable import IncidentCore

extension ReplayEndToEndTests {
    /// A journal past the first read's threshold (16 MB), replayed from a late moment in the
    /// release binary users run: the first frame shows that moment's last note while the banner
    /// says the recording is being indexed; then the banner counts the events, and `g` goes to
    /// the start, which only the whole recording knows.
    @Test func aLongJournalReplaysFromALateMomentBeforeItIsIndexed() throws {
        let scratch = TemporaryFolder()
        LongJournal.write(to: scratch.file("long.jsonl"), lines: 170_000)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: scratch.file("long.jsonl"))[.size] as? Int)
        try #require(size >= Int(LongJournalStart.threshold), "the journal is \(size) bytes")
        // LongJournal's lines are half a second apart from 09:00:00; line 150,000 is a note.
        let moment = RFC3339.journalFormat(Timestamp(microseconds: 1_685_610_000_000_000 + 150_000 * 500_000))

        let script = TmuxSession.sitrepCommandLine(["replay", "-j", "long.jsonl", "--from", moment, "--paused", "--no-bell"],
                                                   executable: try ReleaseBinary.path.get())
        let replay = try TmuxSession(width: 160, height: 40, folder: scratch.path, script: """
            \(script)
            echo "EXITED $?"
            exec sleep 600
            """)
        let first = try #require(replay.waitUntil(seconds: 20) { $0.contains { $0.contains("note 150000") } },
                                 "screen:\n\(replay.screen)")
        #expect(first.contains { $0.contains("indexing the recording") }, "first frame:\n\(first.joined(separator: "\n"))")
        #expect(!first.joined().contains("note 150010"), "nothing after the moment:\n\(first.joined(separator: "\n"))")

        // 150,001 lines by the moment, one of them bad; 170,000 lines in all, two of them bad.
        #expect(replay.waitFor("event 150000/169998", seconds: 60), "screen:\n\(replay.screen)")
        #expect(!replay.screen.contains("indexing the recording"))
        try replay.press("g")
        #expect(replay.waitFor("event 1/169998"), "screen:\n\(replay.screen)")
        try replay.press("q")
        #expect(replay.waitFor("EXITED 0"), "screen:\n\(replay.screen)")
    }
}
