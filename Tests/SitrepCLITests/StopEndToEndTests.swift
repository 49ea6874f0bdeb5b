import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Every full-screen command ends within a second of `q`, Ctrl-C, SIGTERM, SIGHUP or SIGINT, and
/// gives the terminal back (modes as before, alternate screen left), in the build users run as
/// well as the debug build; a crash gives the terminal back before the process dies.
/// The first test to need the release binary may build it, which takes many minutes on a new
/// machine: hence the long time limit.
@Suite(.oneAtATime, .serialized, .timeLimit(.minutes(40)))
struct StopEndToEndTests {
    static let stops: [Stop] = [.key("q"), .key("C-c"), .signal(SIGTERM), .signal(SIGHUP), .signal(SIGINT)]

    @Test(arguments: stops)
    func theReleaseDashboardStops(_ stop: Stop) throws {
        try checkDashboard(executable: try ReleaseBinary.path.get(), stops: stop)
    }

    @Test(arguments: stops)
    func theDebugDashboardStops(_ stop: Stop) throws {
        try checkDashboard(executable: CLI.executable, stops: stop)
    }

    @Test(arguments: [Stop.key("q"), .signal(SIGTERM), .signal(SIGHUP)])
    func theReleaseReplayStops(_ stop: Stop) throws {
        let journal = Repository.root + "/examples/seed-outage.jsonl"
        let pane = try FullScreenPane(executable: try ReleaseBinary.path.get(), arguments: ["replay", "-j", journal, "--theme", "mono"])
        #expect(pane.session.waitFor("REPLAY"), "screen:\n\(pane.session.screen)")
        try pane.expectStopped(by: stop)
    }

    @Test(arguments: [Stop.key("q"), .signal(SIGTERM), .signal(SIGHUP)])
    func theReleaseDrillStops(_ stop: Stop) throws {
        let journal = Repository.root + "/examples/seed-outage.jsonl"
        let pane = try FullScreenPane(executable: try ReleaseBinary.path.get(),
                                      arguments: ["drill", "--from", journal, "-j", "drill.jsonl", "--theme", "mono", "--no-bell"])
        #expect(pane.session.waitFor("DRILL"), "screen:\n\(pane.session.screen)")
        try pane.expectStopped(by: stop)
    }

    /// A crash is simulated by sending the signal a crash raises: the handler cannot tell, and
    /// must give the terminal back either way, then let the process die of it. The Swift runtime's
    /// crash report comes after the terminal is back, so it reads line by line (raw mode would
    /// print it as a staircase), and it may wait for a key before it ends.
    @Test(arguments: [SIGSEGV, SIGBUS, SIGILL, SIGABRT])
    func aCrashGivesTheTerminalBackAndTheProcessDies(_ number: Int32) throws {
        let pane = try dashboardPane(executable: try ReleaseBinary.path.get())
        try pane.signal(number)
        let reported = pane.session.waitUntil(seconds: 30) { rows in
            rows.contains { $0.hasPrefix("EXITED ") || $0.contains("any other key to quit") }
        }
        try #require(reported != nil, "neither ended nor reported 30 s after signal \(number); screen:\n\(pane.session.screen)")
        if pane.session.screen.contains("any other key to quit") { try pane.session.press("q") }
        let ended = pane.session.waitUntil(seconds: 10) { rows in rows.contains { $0.hasPrefix("EXITED ") } }
        let rows = try #require(ended, "still running after signal \(number); screen:\n\(pane.session.screen)")
        let screen = rows.joined(separator: "\n")
        #expect(rows.contains(FullScreenPane.modesRestored), "screen:\n\(screen)")
        #expect(rows.contains("EXITED \(128 + number)"), "screen:\n\(screen)")
        #expect(try pane.session.format("#{alternate_on}") == "0", "the alternate screen is left")
        if let crashLine = rows.first(where: { $0.contains("Program crashed") }) {
            #expect(crashLine.hasPrefix("💣 Program crashed"), "the report starts at the left edge: \(crashLine)")
            #expect(rows.contains { $0.hasPrefix("Thread 0") }, "the report reads line by line; screen:\n\(screen)")
        }
    }

    /// A journal of hundreds of megabytes is read a few MiB at a time, with keys and signals
    /// answered in between; a read that still takes too long is cut short by the watchdog.
    @Test(arguments: [Stop.key("q"), .signal(SIGTERM)])
    func aStopDuringALongFirstLoadStillEndsWithinASecond(_ stop: Stop) throws {
        let scratch = TemporaryFolder()
        try BigJournal.write(to: scratch.path + "/big.jsonl", megabytes: 300)
        let pane = try FullScreenPane(executable: try ReleaseBinary.path.get(), folder: scratch, arguments: ["-j", "big.jsonl", "--no-bell"])
        let tookOver = pane.session.waitUntil(seconds: 10) { _ in (try? pane.session.format("#{alternate_on}")) == "1" }
        try #require(tookOver != nil, "the dashboard never took the terminal; screen:\n\(pane.session.screen)")
        try pane.expectStopped(by: stop)
    }

    private func checkDashboard(executable: String, stops stop: Stop) throws {
        let pane = try dashboardPane(executable: executable)
        try pane.expectStopped(by: stop)
    }

    private func dashboardPane(executable: String) throws -> FullScreenPane {
        let scratch = TemporaryFolder()
        let declared = try CLI(folder: scratch.path).run(["declare", "Checkout is down", "--severity", "SEV1", "-j", "incident.jsonl"])
        try #require(declared.status == 0, "\(declared.stderr)")
        let pane = try FullScreenPane(executable: executable, folder: scratch, arguments: ["-j", "incident.jsonl", "--no-bell"])
        try #require(pane.session.waitFor("Checkout is down"), "screen:\n\(pane.session.screen)")
        return pane
    }
}

/// How a test asks a full-screen command to end.
enum Stop: CustomStringConvertible, Sendable {
    case key(String)
    case signal(Int32)

    var description: String {
        switch self {
        case .key(let name): return "key \(name)"
        case .signal(let number): return "signal \(number)"
        }
    }

    /// The exit status the shell sees: 0 for a key that quits, 128 + a signal.
    var expectedStatus: Int32 {
        switch self {
        case .key: return 0
        case .signal(let number): return 128 + number
        }
    }
}

/// A full-screen sitrep command in a tmux pane, started by a shell that records its pid and, when
/// it ends, says whether the terminal's modes came back and how it exited.
struct FullScreenPane {
    static let modesRestored = "TERMINAL MODES RESTORED"

    let session: TmuxSession
    let scratch: TemporaryFolder

    init(executable: String, folder: TemporaryFolder = TemporaryFolder(), arguments: [String]) throws {
        scratch = folder
        session = try TmuxSession(width: 100, height: 30, folder: folder.path, script: """
            before=$(stty -g)
            echo $$ > shell.pid
            \(TmuxSession.sitrepCommandLine(arguments, executable: executable))
            status=$?
            if [ "$(stty -g)" = "$before" ]; then echo \(Self.modesRestored); else echo TERMINAL MODES CHANGED; fi
            echo "EXITED $status"
            exec sleep 600
            """)
    }

    /// The sitrep process: the only child of the pane's shell.
    func pid() throws -> pid_t {
        let shell = try #require(Int32((try? String(contentsOfFile: scratch.path + "/shell.pid", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""))
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return try #require(children.split(separator: " ").compactMap { Int32($0) }.first, "no child of the pane's shell")
    }

    func signal(_ number: Int32) throws {
        #expect(kill(try pid(), number) == 0)
    }

    /// Stops the program and checks it ended within a second, exited as it should, and gave the
    /// terminal back.
    func expectStopped(by stop: Stop) throws {
        let process = try pid()
        let start = ContinuousClock.now
        switch stop {
        case .key(let name): try session.press(name)
        case .signal(let number): #expect(kill(process, number) == 0)
        }
        _ = eventually(seconds: 5, every: 0.005) { !Self.isRunning(process) }
        let elapsed = ContinuousClock.now - start
        #expect(!Self.isRunning(process), "still running 5 s after \(stop); screen:\n\(session.screen)")
        #expect(elapsed < .seconds(1), "took \(elapsed) to end after \(stop)")
        let ended = session.waitUntil(seconds: 5) { rows in rows.contains { $0.hasPrefix("EXITED ") } }
        let rows = try #require(ended, "screen:\n\(session.screen)")
        #expect(rows.contains("EXITED \(stop.expectedStatus)"), "after \(stop); screen:\n\(rows.joined(separator: "\n"))")
        #expect(rows.contains(Self.modesRestored), "after \(stop); screen:\n\(rows.joined(separator: "\n"))")
        #expect(try session.format("#{alternate_on}") == "0", "the alternate screen is left after \(stop)")
    }

    /// Running, as opposed to gone or a zombie waiting for the shell to collect it.
    static func isRunning(_ process: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(process)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(close, offsetBy: 2)] != "Z"
    }
}

/// A journal big enough that reading it takes seconds: one note repeated, unchained (every line
/// is still a valid event), written in large blocks so making it is quick.
enum BigJournal {
    static func write(to path: String, megabytes: Int) throws {
        let line = #"{"v":1,"id":"big","ts":"2026-11-30T10:00:00Z","kind":"note","actor":"load","text":"padding padding padding padding padding padding padding padding"}"# + "\n"
        let block = Data(String(repeating: line, count: (1 << 20) / line.utf8.count).utf8)
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        for _ in 0..<megabytes { try handle.write(contentsOf: block) }
    }
}
