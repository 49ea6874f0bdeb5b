import Foundation
import TestSupport
import Testing
@testable import IncidentCore

#if canImport(Glibc)
import Glibc
#endif

/// `sitrep` records a plain note or cause itself and hands every other command to `sitrep-full`
/// beside it, in the same process (Sources/sitrep).
@Suite(.oneAtATime) struct FrontProgramTests {
    /// A folder holding only `sitrep` (a hard link, else a copy), under a name with an escape
    /// sequence in it.
    private func frontAlone(in scratch: TemporaryFolder) throws -> String {
        let folder = scratch.file("bin\u{1B}[31m")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if link(CLI.executable, folder + "/sitrep") != 0 {
            try FileManager.default.copyItem(atPath: CLI.executable, toPath: folder + "/sitrep")
        }
        return folder + "/sitrep"
    }

    @Test func aNoteIsRecordedWithoutTheFullProgram() throws {
        let scratch = TemporaryFolder()
        var alone = CLI(folder: scratch.path)
        alone.program = try frontAlone(in: scratch)
        let noted = try alone.run(["note", "failover", "of db-1 started", "-j", "j.jsonl", "--actor", "bob"])
        #expect(noted.status == 0 && noted.stderr.isEmpty, "\(noted.stderr)")
        let events = try scratch.events("j.jsonl")
        #expect(events.map(\.text) == ["failover of db-1 started"] && events.map(\.actor) == ["bob"])
        #expect(noted.stdout == "recorded note \(events[0].id ?? "?") in j.jsonl\n")
        // Chained as the full program chains: it finds nothing wrong with the line.
        let verified = try CLI(folder: scratch.path).run(["verify", "-j", "j.jsonl"])
        #expect(verified.status == 0, "\(verified.stdout) \(verified.stderr)")
    }

    /// What keeps a note fast (README, "The first build"): the release `sitrep`, built as the
    /// README installs it, carries none of the modules whose start-up made most of a note's time.
    /// Their symbols' names are in the binary (it is not stripped) when they are linked.
    @Test func theInstalledSitrepLinksNeitherFoundationNorArgumentParserNorNIO() throws {
        let front = FileManager.default.contents(atPath: try ReleaseBinary.path.get()) ?? Data()
        #expect(front.count > 1_000_000)
        for module in ["Foundation", "ArgumentParser", "NIOCore", "PostgresNIO", "SitrepTUI"] {
            let mangledPrefix = Array("$s\(module.utf8.count)\(module)".utf8)
            #expect(!Self.contains(front, mangledPrefix), "the release sitrep links \(module)")
        }
    }

    private static func contains(_ haystack: Data, _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBytes { bytes in
            var start = 0
            while start + needle.count <= bytes.count {
                guard let hit = memchr(bytes.baseAddress! + start, Int32(needle[0]), bytes.count - start) else { return false }
                let at = bytes.baseAddress!.distance(to: UnsafeRawPointer(hit))
                if at + needle.count <= bytes.count, memcmp(bytes.baseAddress! + at, needle, needle.count) == 0 { return true }
                start = at + 1
            }
            return false
        }
    }

    /// Without sitrep-full, every other command says what is missing and where, and exits 127 as
    /// a shell does for a command it cannot find; a store's address is never taken for a file.
    @Test(arguments: [["timeline", "-j", "j.jsonl"], ["note", "x", "-j", "postgresql://sitrep@127.0.0.1:1/incidents#a"]])
    func withoutTheFullProgramOtherCommandsSayWhatIsMissing(_ arguments: [String]) throws {
        let scratch = TemporaryFolder()
        var alone = CLI(folder: scratch.path)
        alone.program = try frontAlone(in: scratch)
        let result = try alone.run(arguments)
        #expect(result.status == 127)
        #expect(result.stderr.hasPrefix("sitrep: cannot run ") && result.stderr.contains("bin\\e[31m/sitrep-full: No such file"),
                "\(result.stderr)")
        #expect(result.stderr.contains("install sitrep-full in the same folder as sitrep") && !result.stderr.contains("\u{1B}"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { !$0.hasPrefix("bin") }.isEmpty)
    }

    /// The handover replaces the program in the same process, so a signal to the pid the shell
    /// started reaches the command, and ps still calls it sitrep; sitrep-full is found beside the
    /// file a symlink points to.
    @Test func otherCommandsRunInTheSameProcessThroughASymlink() throws {
        let scratch = TemporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: scratch.file("sitrep"), withDestinationPath: CLI.executable)
        var linked = CLI(folder: scratch.path)
        linked.program = scratch.file("sitrep")
        try linked.run(["note", "first", "-j", "j.jsonl"])
        let follower = try linked.launch(["timeline", "-f", "-j", "j.jsonl"])
        defer { stop(follower.process) }
        #expect(follower.output.waitFor("first", seconds: 10), "\(follower.errors.text)")
        let pid = follower.process.processIdentifier
        let running = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")
        #expect(running == URL(fileURLWithPath: CLI.executable).deletingLastPathComponent().path + "/sitrep-full")
        // Named as the user typed it, for ps -C, pgrep -x and killall.
        #expect(try String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8) == "sitrep\n")
        kill(pid, SIGTERM)
        #expect(eventually(seconds: 2, every: 0.01) { !follower.process.isRunning }, "SIGTERM to the pid started stops it")
    }
}
