import Foundation
import Testing
@testable import IncidentCore

@Suite struct FollowerTests {
    func events(_ updates: [FollowUpdate]) -> [String] {
        updates.compactMap { update in
            if case .record(.event(let event, _)) = update { return event.text }
            return nil
        }
    }

    @Test func picksUpAppendsAndWakesWithinABlink() throws {
        let folder = TemporaryFolder()
        let store = FileJournal(path: folder.file("incident.jsonl"))
        try store.append(event("2023-06-01T09:00:00Z", .note, text: "before"))
        let follower = try store.follow()
        #expect(events(follower.readAvailable()) == ["before"])
        #expect(follower.readAvailable().isEmpty)

        let writer = Thread {
            usleep(100_000)
            _ = try? store.append(event("2023-06-01T09:01:00Z", .note, text: "from elsewhere"))
        }
        writer.start()
        let started = Date()
        follower.wait(timeoutMilliseconds: 5000)
        let waited = Date().timeIntervalSince(started)
        #expect(waited < 1.0, "inotify should wake the follower, not the 5 s timeout")
        usleep(50_000)
        #expect(events(follower.readAvailable()) == ["from elsewhere"])
    }

    @Test func waitsForTheRestOfAnUnfinishedLine() throws {
        let folder = TemporaryFolder()
        _ = folder.write("incident.jsonl", "")
        let follower = try FileJournal(path: folder.file("incident.jsonl")).follow()
        folder.append("incident.jsonl", #"{"ts":"2023-06-01T09:00:00Z","kind":"note","#)
        #expect(follower.readAvailable().isEmpty)
        folder.append("incident.jsonl", #""text":"joined"}"# + "\n")
        #expect(events(follower.readAvailable()) == ["joined"])
    }

    @Test func saysLoudlyWhenTheFileShrinksOrIsReplaced() throws {
        let folder = TemporaryFolder()
        let path = folder.file("incident.jsonl")
        let store = FileJournal(path: path)
        try store.append(event("2023-06-01T09:00:00Z", .note, text: "one"))
        try store.append(event("2023-06-01T09:01:00Z", .note, text: "two"))
        let follower = try store.follow()
        #expect(events(follower.readAvailable()) == ["one", "two"])

        let first = folder.lines("incident.jsonl")[0]
        _ = try FileHandle(forWritingAtPath: path).map { handle in
            try handle.truncate(atOffset: UInt64(first.utf8.count + 1))
            try handle.close()
        }
        let afterShrink = follower.readAvailable()
        guard case .restart(let reason)? = afterShrink.first else {
            Issue.record("no restart after the file shrank: \(afterShrink)")
            return
        }
        #expect(reason.contains("shrank"))
        #expect(events(afterShrink) == ["one"])

        let replacement = folder.write("new.jsonl", #"{"ts":"2023-06-01T10:00:00Z","kind":"note","text":"new file"}"# + "\n")
        #expect(rename(replacement, path) == 0)
        let afterReplace = follower.readAvailable()
        guard case .restart(let replaced)? = afterReplace.first else {
            Issue.record("no restart after the file was replaced: \(afterReplace)")
            return
        }
        #expect(replaced.contains("replaced"))
        #expect(events(afterReplace) == ["new file"])
    }

    @Test func followsAJournalThatDoesNotExistYet() throws {
        let folder = TemporaryFolder()
        let store = FileJournal(path: folder.file("later.jsonl"))
        let follower = try store.follow()
        #expect(follower.readAvailable().isEmpty)
        try store.append(event("2023-06-01T09:00:00Z", .note, text: "created"))
        #expect(events(follower.readAvailable()) == ["created"])
    }
}
