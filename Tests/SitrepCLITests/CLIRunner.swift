import Foundation
@testable import IncidentCore
import TestSupport

/// Runs the real `sitrep` executable, built beside the tests, as a user would from a shell.
struct CLI {
    /// The binary SwiftPM built for this test run (the test target depends on it).
    static let executable: String = {
        if let override = ProcessInfo.processInfo.environment["SITREP_BIN"] { return override }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("sitrep").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        return Repository.file(".build/debug/sitrep")
    }()

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }
    }

    let folder: String
    /// The file run: the built `sitrep`, unless a test runs a copy or a link of it.
    var program = CLI.executable
    var environment: [String: String] = [:]
    /// Limits the command runs under, as prlimit options: `--fsize=N` makes a write past N bytes
    /// come up short as on a full disk (SIGXFSZ is ignored), `--data=N` caps its memory. Set in
    /// the child alone: the test runner itself keeps no limit.
    var limits: [String] = []
    /// Leave SIGXFSZ as a user's shell leaves it (its default action kills the process), to check
    /// that sitrep itself ignores it.
    var fileSizeSignalAtDefault = false

    init(folder: String) { self.folder = folder }

    /// Output goes to files, not pipes: tests run in parallel, and a pipe's write end inherited
    /// by another test's long-running child (`timeline -f`) would hold back its end-of-file.
    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Result {
        let launched = try launch(arguments, environment: extra)
        launched.process.waitUntilExit()
        return Result(status: launched.process.terminationStatus, stdout: launched.output.text, stderr: launched.errors.text)
    }

    /// Starts a long-running command (a follower, a collector, a receiver) with its output in
    /// files; the test stops it with `stop(running.process)`.
    func launch(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Launched {
        let launched = Launched(process: makeProcess(arguments, environment: extra), output: try OutputFile(), errors: try OutputFile())
        launched.process.standardOutput = launched.output.handle
        launched.process.standardError = launched.errors.handle
        try launched.process.run()
        return launched
    }

    /// Runs a command that must finish within `seconds`; nil (and the command stopped) when it
    /// hangs, so a hang fails one test instead of holding up the suite.
    func run(_ arguments: [String], within seconds: Double) throws -> Result? {
        let launched = try launch(arguments)
        guard eventually(seconds: seconds, every: 0.02, { !launched.process.isRunning }) else {
            stop(launched.process)
            return nil
        }
        launched.process.waitUntilExit()
        return Result(status: launched.process.terminationStatus, stdout: launched.output.text, stderr: launched.errors.text)
    }

    struct Launched {
        let process: Process
        let output: OutputFile
        let errors: OutputFile
    }

    private func makeProcess(_ arguments: [String], environment extra: [String: String] = [:]) -> Process {
        let process = Process()
        if !limits.isEmpty {
            // An ignored signal stays ignored across exec, into prlimit and then sitrep.
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            let trap = fileSizeSignalAtDefault ? "" : "trap '' XFSZ; "
            process.arguments = ["-c", trap + "exec prlimit \"$@\"", "sh"] + limits + [program] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var env = ProcessInfo.processInfo.environment
        env["SITREP_JOURNAL"] = nil
        env["SITREP_ACTOR"] = nil
        for (key, value) in environment.merging(extra, uniquingKeysWith: { $1 }) { env[key] = value }
        process.environment = env
        return process
    }
}

/// A temporary file a child process writes its output to.
final class OutputFile {
    let path = NSTemporaryDirectory() + "sitrep-out-" + UUID().uuidString
    let handle: FileHandle

    init() throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    deinit {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: path)
    }

    var text: String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    /// The bytes as written, for checks that must see output that is not UTF-8.
    var bytes: Data { FileManager.default.contents(atPath: path) ?? Data() }

    /// Waits until the output contains `needle`, for at most `seconds`.
    func waitFor(_ needle: String, seconds: Double) -> Bool {
        eventually(seconds: seconds, every: 0.01) { text.contains(needle) }
    }
}
