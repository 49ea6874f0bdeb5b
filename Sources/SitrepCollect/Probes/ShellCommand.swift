import Foundation

/// Runs `/bin/sh -c COMMAND` with a deadline and collects what it prints, up to a cap. A command
/// that hangs (a database that accepts the connection and never answers), prints without end,
/// or is still running when the collector stops is killed with everything it started: the shell
/// leads a process group of its own, and the whole group is killed.
///
/// No thread of its own: the output pipes are NIO channels and the deadline, the leftover grace
/// and the watch for the shell's exit are timers, all on one of NIO's shared event loops.
enum ShellCommand {
    static let outputLimit = 64 * 1024
    /// How long a child the shell left behind may hold the output open after the shell exits.
    static let leftoverGrace: Duration = .milliseconds(200)

    struct Outcome: Sendable {
        var status: Int32 = -1
        var output = Data()
        var errorOutput = Data()
    }

    enum Failure: Error, Sendable {
        case cannotStart(String)
        case timedOut
        case tooMuchOutput
        case cancelled
    }

    static func run(_ command: String, timeout: Duration) async -> Result<Outcome, Failure> {
        let run = CommandRun()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                run.start(command, timeout: timeout, continuation: continuation)
            }
        } onCancel: {
            run.end(.failure(.cancelled))
        }
    }
}
