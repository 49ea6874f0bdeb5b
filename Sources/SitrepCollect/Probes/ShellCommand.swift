import Foundation
import Synchronization

/// Runs `/bin/sh -c COMMAND` with a deadline and collects what it prints, up to a cap. A command
/// that hangs (a database that accepts the connection and never answers), prints without end,
/// or is still running when the collector stops is killed with everything it started: the shell
/// leads a process group of its own, and the whole group is killed.
enum ShellCommand {
    static let outputLimit = 64 * 1024
    /// How long a child the shell left behind may hold the output open after the shell exits.
    static let leftoverGrace = 0.2

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

/// One command's life: its process group, its output, and the one answer it gives, whichever
/// comes first of finishing, its deadline, too much output, or cancellation.
private final class CommandRun: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Result<ShellCommand.Outcome, ShellCommand.Failure>, Never>?
        var ended = false
        var processGroup: pid_t?
        var outcome = ShellCommand.Outcome()
        var openReaders = 2
        var exited = false
    }

    private let state = Mutex(State())
    /// Serial queues get a thread of their own when Dispatch's shared pool is busy.
    private static let timers = DispatchQueue(label: "sitrep shell command deadlines")

    func start(_ command: String, timeout: Duration,
               continuation: CheckedContinuation<Result<ShellCommand.Outcome, ShellCommand.Failure>, Never>) {
        // Cancelled before it began: `end` found no continuation to resume, so resume here.
        let alreadyEnded = state.withLock { state in
            if !state.ended { state.continuation = continuation }
            return state.ended
        }
        if alreadyEnded { return continuation.resume(returning: .failure(.cancelled)) }

        let shell: SpawnedShell
        do {
            shell = try SpawnedShell.start(command)
        } catch {
            return end(.failure(error))
        }
        let cancelledMeanwhile = state.withLock { state in
            state.processGroup = shell.pid
            return state.ended
        }
        if cancelledMeanwhile { killGroup() }
        Thread.detachNewThread { [self] in shellExited(status: shell.waitForExit()) }
        read(shell.output, into: \.output)
        read(shell.errorOutput, into: \.errorOutput)
        Self.timers.asyncAfter(deadline: .now() + timeout.seconds) { [self] in end(.failure(.timedOut)) }
    }

    /// Gives the answer unless one was given; a command still running is killed.
    func end(_ result: Result<ShellCommand.Outcome, ShellCommand.Failure>) {
        let continuation: CheckedContinuation<Result<ShellCommand.Outcome, ShellCommand.Failure>, Never>? = state.withLock { state in
            guard !state.ended else { return nil }
            state.ended = true
            defer { state.continuation = nil }
            return state.continuation
        }
        guard let continuation else { return }
        if case .failure = result { killGroup() }
        continuation.resume(returning: result)
    }

    private func killGroup() {
        guard let group = state.withLock({ $0.processGroup }) else { return }
        kill(-group, SIGKILL)
    }

    private func shellExited(status: Int32) {
        let readersDone = state.withLock { state in
            state.outcome.status = status
            state.exited = true
            return state.openReaders == 0
        }
        if readersDone { return finishWithOutput() }
        // Something the shell started in the background still holds the output open.
        Self.timers.asyncAfter(deadline: .now() + ShellCommand.leftoverGrace) { [self] in
            // Once answered, the group may be gone and its number reused: leave it alone.
            if !state.withLock({ $0.ended }) { killGroup() }
        }
    }

    /// A thread per pipe: blocking reads on Dispatch's shared pool starved the deadline timer.
    private func read(_ handle: FileHandle, into field: WritableKeyPath<ShellCommand.Outcome, Data> & Sendable) {
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                let tooMuch = state.withLock { state in
                    state.outcome[keyPath: field].append(chunk)
                    return state.outcome.output.count + state.outcome.errorOutput.count > ShellCommand.outputLimit
                }
                if tooMuch {
                    end(.failure(.tooMuchOutput))
                    break
                }
            }
            try? handle.close()
            let finished = state.withLock { state in
                state.openReaders -= 1
                return state.openReaders == 0 && state.exited
            }
            if finished { finishWithOutput() }
        }
    }

    private func finishWithOutput() {
        end(.success(state.withLock { $0.outcome }))
    }
}
