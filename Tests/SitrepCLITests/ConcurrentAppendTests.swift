import Foundation
import TestSupport
import Testing
@testable import IncidentCore

@Suite(.oneAtATime) struct ConcurrentAppendTests {
    /// Eight writers at once, some events near the 64 KiB limit: every event lands once, whole,
    /// and the chain holds, because each append is one write() under an exclusive flock.
    @Test func eightProcessesAppendingAtOnceLoseAndTearNothing() throws {
        let scratch = TemporaryFolder()
        let cli = CLI(folder: scratch.path)
        let writers = 8
        let eventsPerWriter = 12
        var processes: [Process] = []
        for writer in 0..<writers {
            var script = ""
            for index in 0..<eventsPerWriter {
                let padding = index % 4 == 0 ? String(repeating: "p", count: 64_000) : ""
                script += "\"$SITREP\" note 'writer-\(writer)-event-\(index) \(padding)' --actor w\(writer) || exit 1\n"
            }
            let scriptPath = scratch.file("writer-\(writer).sh")
            try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = [scriptPath]
            process.currentDirectoryURL = URL(fileURLWithPath: scratch.path)
            process.environment = ["SITREP": CLI.executable, "PATH": "/usr/bin:/bin"]
            process.standardOutput = FileHandle.nullDevice
            processes.append(process)
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })

        let (events, bad) = try readAll(FileJournal(path: scratch.file("incident.jsonl")))
        let texts = events.map { String($0.text!.prefix { $0 != " " }) }
        #expect(bad.isEmpty, "torn lines: \(bad)")
        let expected = (0..<writers).flatMap { writer in (0..<eventsPerWriter).map { "writer-\(writer)-event-\($0)" } }
        #expect(texts.sorted() == expected.sorted(), "every event exactly once")
        let verify = try cli.run(["verify"])
        #expect(verify.status == 0, "\(verify.stdout)")
    }

    @Test func anAppendAfterATornLineKeepsBothAndChainsToIt() throws {
        let scratch = TemporaryFolder()
        let cli = CLI(folder: scratch.path)
        try cli.run(["note", "first"])
        let handle = try #require(FileHandle(forWritingAtPath: scratch.file("incident.jsonl")))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"ts":"2023-06-01T09:00:00Z","kind":"note","text":"cut off mid-wr"#.utf8))
        try handle.close()

        try cli.run(["note", "after"])
        let lines = scratch.lines()
        #expect(lines.count == 3)
        #expect(lines[1].hasSuffix("cut off mid-wr"))
        #expect(try scratch.events().map(\.text) == ["first", "after"])
        #expect(try scratch.events().last?.prev == ChainHash.of(Array(lines[1].utf8)))
        let verify = try cli.run(["verify"])
        #expect(verify.stdout.contains("incident.jsonl:2: bad line"))
        #expect(!verify.stdout.contains("chain broken"))
    }
}
