import Foundation
import Testing
@testable import IncidentCore
import TestSupport

/// No program sitrep starts (a collector's check command, a shell) may inherit the journal or the
/// follower's inotify descriptor: a child holding the journal open keeps a deleted journal alive.
/// The stop pipe has its own test in StopSignalTests.
@Suite struct CloseOnExecTests {
    @Test func aChildSeesNoneOfTheJournalDescriptorsButDoesSeeALeakedOne() throws {
        let folder = TemporaryFolder()
        let journal = FileJournal(path: folder.file("incident.jsonl"))
        try journal.append(Event(ts: .now(), kind: .note, actor: "alice", text: "one"))
        let follower = try FileJournalFollower(path: journal.path)  // inotify and the file, held open
        let reading = try JournalFile.openForReading(journal.path)
        let appending = try JournalFile.openForAppend(journal.path)
        // The control: opened without O_CLOEXEC, so the child must see it, or the check proves nothing.
        let leaked = open(folder.write("leaked", "x"), O_RDONLY)
        defer { [reading.rawValue, appending.rawValue, leaked].forEach { close($0) } }
        #expect(follower.descriptor >= 0 && leaked >= 0)

        let inherited = try descriptorsOfAChild(listingInto: folder.file("child-fds"))
        #expect(inherited.contains(canonical(folder.file("leaked"))))
        #expect(!inherited.contains(canonical(journal.path)))
        #expect(!inherited.contains("anon_inode:inotify"))
    }

    /// The path as /proc shows it, with any symbolic link in $TMPDIR resolved.
    private func canonical(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// What a child started with posix_spawn (no file actions: it inherits whatever is not
    /// close-on-exec) has open: the target of each of its descriptors.
    private func descriptorsOfAChild(listingInto output: String) throws -> [String] {
        let script = "for fd in /proc/self/fd/*; do readlink \"$fd\"; done > '\(output)'"
        let words: [String] = ["/bin/sh", "-c", script]
        let arguments = words.map { strdup($0) }
        defer { arguments.forEach { free($0) } }
        var pid = pid_t()
        let started = posix_spawn(&pid, "/bin/sh", nil, nil, arguments + [nil], environ)
        #expect(started == 0)
        guard started == 0 else { return [] }
        var status: Int32 = 0
        _ = retryingOnInterrupt { waitpid(pid, &status, 0) }
        return try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").map(String.init)
    }
}
