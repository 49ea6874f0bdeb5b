import Foundation
import TestSupport
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
            // Only makes it likely that the follower is already asleep in wait(): an append
            // before it would wake it just as well, so no outcome hangs on this guess.
            usleep(100_000)
            _ = try? store.append(event("2023-06-01T09:01:00Z", .note, text: "from elsewhere"))
        }
        writer.start()
        let started = Date()
        follower.wait(timeoutMilliseconds: 5000)
        let waited = Date().timeIntervalSince(started)
        // The follower wakes on the write, before the append's fsync, so a slow disk does not count.
        #expect(waited < 1.0, "inotify should wake the follower, not the 5 s timeout")
        var arrived: [String] = []
        #expect(eventually(seconds: 5, every: 0.01) {
            arrived += events(follower.readAvailable())
            return !arrived.isEmpty
        })
        #expect(arrived == ["from elsewhere"])
    }

    /// A journal several times what one call reads: the chunks read ahead on the helper thread
    /// arrive whole, in order, a bad line among them named by its number, and the follower then
    /// follows the file as usual (the end of a torn line, a new append, a replacement).
    @Test func readsALargeJournalAheadInOrderAndThenFollowsIt() throws {
        let folder = TemporaryFolder()
        let lineCount = 3 * FileJournalFollower.readLimit / 100
        var text = ""
        for number in 1...lineCount {
            text += number == lineCount / 2
                ? "not json at all\n"
                : #"{"ts":"2023-06-01T09:00:00Z","kind":"note","text":"note \#(number) of a long incident, padded"}"# + "\n"
        }
        text += #"{"ts":"2023-06-01T09:00:00Z","kind":"note","#
        let path = folder.write("incident.jsonl", text)
        let follower = try FileJournal(path: path).follow()
        var numbers: [Int] = []
        var bad: [Int] = []
        var calls = 0
        repeat {
            calls += 1
            for update in follower.readAvailable() {
                switch update {
                case .record(.event(let event, let line)):
                    numbers.append(line)
                    #expect(event.text == "note \(line) of a long incident, padded")
                case .record(.bad(let line)): bad.append(line.line)
                default: Issue.record("unexpected \(update)")
                }
            }
        } while follower.isBehind
        #expect(calls >= 3)
        #expect(bad == [lineCount / 2])
        #expect(numbers == Array(1...lineCount).filter { $0 != lineCount / 2 })

        folder.append("incident.jsonl", #""text":"the torn line, finished"}"# + "\n")
        #expect(events(follower.readAvailable()) == ["the torn line, finished"])
        let replacement = folder.file("replacement.jsonl")
        try FileJournal(path: replacement).append(event("2023-06-01T10:00:00Z", .note, text: "a new file"))
        #expect(rename(replacement, path) == 0)
        let updates = follower.readAvailable()
        #expect(updates.contains { if case .restart = $0 { true } else { false } })
        #expect(events(updates) == ["a new file"])
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

    /// A journal that does not exist yet may appear as anything. Before, a FIFO there blocked the
    /// follower (and so the dashboard) in open() until some writer came along.
    @Test func aJournalThatAppearsAsAFIFOIsRefusedOnceNotWaitedOn() throws {
        let folder = TemporaryFolder()
        let path = folder.file("incident.jsonl")
        let follower = try FileJournal(path: path).follow()
        #expect(follower.readAvailable().isEmpty)
        #expect(mkfifo(path, 0o600) == 0)

        let updates = releasingFIFO(at: path, after: 5) { follower.readAvailable() }
        #expect(warnings(updates) == ["\(path): is a FIFO (named pipe), not a regular file; a journal must be a regular file; not following it"])
        #expect(follower.readAvailable().isEmpty, "said once")

        unlink(path)
        try FileJournal(path: path).append(event("2023-06-01T09:00:00Z", .note, text: "a real journal"))
        #expect(events(follower.readAvailable()) == ["a real journal"])
    }

    func warnings(_ updates: [FollowUpdate]) -> [String] {
        updates.compactMap { update in
            if case .warning(let message) = update { return message }
            return nil
        }
    }

    /// Runs `body` on a thread of its own. If it is still blocked after `seconds` (in open() on
    /// the FIFO), a writer opens the FIFO to let it go, and the test fails instead of hanging.
    func releasingFIFO<T>(at path: String, after seconds: Int, _ body: @escaping () -> T) -> T {
        let box = BlockedCall(body)
        let done = DispatchSemaphore(value: 0)
        Thread { box.result = box.body(); done.signal() }.start()
        if done.wait(timeout: .now() + .seconds(seconds)) == .timedOut {
            Issue.record("still blocked after \(seconds) s")
            let writer = open(path, O_WRONLY | O_NONBLOCK)
            done.wait()
            close(writer)
        }
        return box.result!
    }
}

/// A call handed to another thread; the semaphore around it orders the two threads' accesses.
private final class BlockedCall<T>: @unchecked Sendable {
    let body: () -> T
    var result: T?
    init(_ body: @escaping () -> T) { self.body = body }
}
