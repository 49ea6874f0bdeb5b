import CSignals

#if canImport(Glibc)
import Glibc
#endif

/// `/bin/sh -c COMMAND` started with posix_spawn, for the control Foundation's Process does not
/// give: the shell leads a process group of its own (so a deadline can kill what it started),
/// starts with no signal blocked or ignored whatever thread spawned it, and reads /dev/null.
/// Its output pipes are handed to NIO (ShellOutputReader); its exit is seen by ShellExitWatch.
struct SpawnedShell {
    let pid: pid_t
    /// The read ends of the shell's stdout and stderr, owned by the caller.
    let output: Int32
    let errorOutput: Int32

    static func start(_ command: String) throws(ShellCommand.Failure) -> SpawnedShell {
        var outputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        guard makePipe(&outputPipe) else { throw .cannotStart("cannot make a pipe: \(String(cString: strerror(errno)))") }
        guard makePipe(&errorPipe) else {
            outputPipe.forEach { close($0) }
            throw .cannotStart("cannot make a pipe: \(String(cString: strerror(errno)))")
        }
        defer { close(outputPipe[1]); close(errorPipe[1]) }  // the child has its copies

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        let signalFlags = SpawnDefaults.resetSignals(&attributes)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(signalFlags | POSIX_SPAWN_SETPGROUP))

        let argv: [String] = ["/bin/sh", "-c", command]
        let arguments = argv.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, arguments, environ)
        guard spawned == 0 else {
            close(outputPipe[0])
            close(errorPipe[0])
            throw .cannotStart("cannot start /bin/sh: \(String(cString: strerror(spawned)))")
        }
        return SpawnedShell(pid: pid, output: outputPipe[0], errorOutput: errorPipe[0])
    }

    /// Close-on-exec from creation: a command started by another task meanwhile must not inherit
    /// this one's pipe, or this command's output would not end when it does.
    private static func makePipe(_ ends: inout [Int32]) -> Bool {
        sitrep_pipe_cloexec(&ends) == 0
    }
}
