import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TestSupport

/// A real terminal for end-to-end tests: a tmux server of its own, running one shell command in
/// one detached pane of a given size, driven with keys and read back as plain text.
///
/// Every session has its own socket (`tmux -L`), so tests running in parallel and a developer's own
/// tmux never see each other. The server is killed when the session is released, which also
/// happens when a test fails or throws halfway.
final class TmuxSession {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The only session on this server.
    private static let target = "e2e"

    /// tmux from $PATH, found once: posix_spawn wants a full path.
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// The socket name, unique per session; the pid in it tells whose it is if one is ever left over.
    let socket = "sitrep-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
    /// The socket's file, which tmux leaves behind when its server exits.
    private var socketPath: String?

    /// Starts the server with `script` run by `sh -c` in `folder`. The pane gets the TERM tmux gives
    /// its panes (its default-terminal), as a user's dashboard inside tmux would.
    init(width: Int, height: Int, folder: String, script: String) throws {
        guard Self.executable != nil else { throw Failure(description: "tmux not found in PATH (apt-get install tmux)") }
        // -f /dev/null: the developer's ~/.tmux.conf must not change sizes, keys or the terminal type.
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", Self.target, "-x", "\(width)", "-y", "\(height)",
                  "-c", folder, "sh", "-c", script])
        socketPath = try format("#{socket_path}")
    }

    deinit {
        _ = try? tmux(["kill-server"])
        if let socketPath { try? FileManager.default.removeItem(atPath: socketPath) }
        try? FileManager.default.removeItem(atPath: outputPath)
        try? FileManager.default.removeItem(atPath: errorsPath)
    }

    // MARK: Keys and size

    /// Sends keys by tmux name: `"n"`, `"Enter"`, `"Escape"`, `"C-c"`, `"Up"`.
    func press(_ keys: String...) throws {
        try tmux(["send-keys", "-t", Self.target] + keys)
    }

    /// Types text literally (no key names), as a user would at the keyboard.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", Self.target, "-l", "--", text])
    }

    func resize(width: Int, height: Int) throws {
        try resize(through: [(width, height)])
    }

    /// Resizes to each size in turn with one tmux command line, so the sizes follow each other
    /// as fast as the server can apply them: a user dragging a window corner.
    func resize(through sizes: [(width: Int, height: Int)]) throws {
        var arguments: [String] = []
        for (index, size) in sizes.enumerated() {
            if index > 0 { arguments.append(";") }
            arguments += ["resize-window", "-t", Self.target, "-x", "\(size.width)", "-y", "\(size.height)"]
        }
        try tmux(arguments)
    }

    /// Appends every byte the pane's program sends to the terminal to `path`, from now on
    /// (`pipe-pane -o`), escape sequences and all: what `lines` cannot show.
    func record(to path: String) throws {
        try tmux(["pipe-pane", "-o", "-t", Self.target, "cat >> \(path.shellQuoted)"])
    }

    // MARK: Reading the screen

    /// What the pane shows now, one string per row (tmux drops trailing blanks); empty when the
    /// server is gone.
    var lines: [String] {
        guard var text = try? tmux(["capture-pane", "-p", "-t", Self.target]) else { return [] }
        if text.hasSuffix("\n") { text.removeLast() }  // every row ends in a newline, the last one too
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    var screen: String { lines.joined(separator: "\n") }

    /// A tmux format for the pane, e.g. `#{alternate_on}` (1 while a full-screen program runs).
    func format(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", Self.target, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen every 20 ms until `isDone` accepts it; returns that screen's rows, or nil
    /// when `seconds` pass first.
    func waitUntil(seconds: Double = 5, _ isDone: ([String]) -> Bool) -> [String]? {
        var done: [String]?
        _ = eventually(seconds: seconds, every: 0.02) {
            let rows = lines
            if isDone(rows) { done = rows }
            return done != nil
        }
        return done
    }

    /// Like `waitUntil`, but only takes a screen that two polls in a row agree on, so it is not
    /// one read while the program was halfway through drawing.
    func waitForSteadyScreen(seconds: Double = 5, _ isDone: ([String]) -> Bool) -> [String]? {
        var previous: [String]?
        return waitUntil(seconds: seconds) { rows in
            defer { previous = rows }
            return rows == previous && isDone(rows)
        }
    }

    /// Waits until `text` is somewhere on the screen.
    func waitFor(_ text: String, seconds: Double = 5) -> Bool {
        waitUntil(seconds: seconds) { rows in rows.contains { $0.contains(text) } } != nil
    }

    /// Waits until `text` is nowhere on the screen.
    func waitForAbsence(of text: String, seconds: Double = 5) -> Bool {
        waitUntil(seconds: seconds) { rows in !rows.isEmpty && !rows.contains { $0.contains(text) } } != nil
    }

    // MARK: Running tmux

    /// Runs one tmux command on this session's socket and returns what it printed.
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        // Run inside a developer's tmux, these would point the commands at that session.
        environment["TMUX"] = nil
        environment["TMUX_PANE"] = nil
        let status = try ChildProcess.run([Self.executable ?? "tmux", "-L", socket] + arguments,
                                          environment: environment, output: outputPath, errors: errorsPath)
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            let errors = (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? ""
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) exited \(status): \(errors)")
        }
        return output
    }

    /// Where each tmux command's output goes: files, not pipes (see ChildProcess). One command
    /// runs at a time per session, so one pair of files does.
    private var outputPath: String { NSTemporaryDirectory() + socket + ".out" }
    private var errorsPath: String { NSTemporaryDirectory() + socket + ".err" }
}

extension TmuxSession {
    /// `sitrep ARGUMENTS` as a line for the pane's shell. Only LANG decides the locale, and
    /// nothing from the developer's environment picks the journal, the actor or the theme.
    static func sitrepCommandLine(_ arguments: [String], executable: String = CLI.executable,
                                  environment: [String: String] = [:]) -> String {
        let settings = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let command = ["env", "-u", "LC_ALL", "-u", "LC_CTYPE", "-u", "SITREP_JOURNAL", "-u", "SITREP_ACTOR",
                       "-u", "SITREP_THEME", "LANG=C.UTF-8"] + settings + [executable] + arguments
        return command.map(\.shellQuoted).joined(separator: " ")
    }
}

extension String {
    /// Quoted for `sh`: safe whatever the text holds (spaces, quotes, `$`).
    var shellQuoted: String { "'" + replacingOccurrences(of: "'", with: #"'\''"#) + "'" }
}
