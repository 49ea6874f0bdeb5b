import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SitrepCollect

/// Starts a program the way a login shell would, and waits for it. Foundation's Process does not
/// do for anything that leaves a daemon behind (the tmux server, PostgreSQL, PgBouncer): the
/// daemon keeps every descriptor its parent had, among them the socket Process watches to learn
/// the child exited, so `waitUntilExit` would wait for the daemon. And the daemon would inherit
/// the test thread's blocked signals (Dispatch workers block them all), so neither the tmux
/// server nor the shell in its pane would die on SIGHUP when the server is killed.
public enum ChildProcess {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// Runs `argv` with stdin from /dev/null, stdout and stderr into the given files, signals
    /// unblocked and at their defaults, and no other descriptor; returns its exit status (128 +
    /// the signal if one ended it).
    public static func run(_ argv: [String], environment: [String: String], output: String, errors: String) throws -> Int32 {
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Close whatever this process has open (other tests' pipes and sockets among them) before
        // giving the child its three.
        for descriptor in openDescriptors() where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(SpawnDefaults.resetSignals(&attributes)))

        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment)
        guard spawned == 0 else {
            throw Failure(description: "cannot run \(argv[0]): \(String(cString: strerror(spawned)))")
        }
        return SpawnDefaults.waitForExit(pid)
    }

    /// This process's open file descriptors.
    private static func openDescriptors() -> [Int32] {
        let folder = FileManager.default.fileExists(atPath: "/proc/self/fd") ? "/proc/self/fd" : "/dev/fd"
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).compactMap { Int32($0) }
    }
}
