import Foundation
import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One command's life: its process group, its output, and the one answer it gives, whichever
/// comes first of finishing, its deadline, too much output, or cancellation.
final class CommandRun: Sendable {
    typealias Answer = Result<ShellCommand.Outcome, ShellCommand.Failure>

    private struct State {
        var continuation: CheckedContinuation<Answer, Never>?
        var ended = false
        var processGroup: pid_t?
        var outcome = ShellCommand.Outcome()
        var openReaders = 2
        var exited = false
        var readers: [any Channel] = []
        var deadline: Scheduled<Void>?
    }

    private let state = Mutex(State())
    /// The pipes, the timers and the exit watch share one loop: NIO's, not a thread of ours.
    private let eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.next()

    func start(_ command: String, timeout: Duration, continuation: CheckedContinuation<Answer, Never>) {
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
        // Watched even once answered: the shell must be reaped, not left a zombie.
        ShellExitWatch(pid: shell.pid, eventLoop: eventLoop) { [self] status in shellExited(status: status) }.start()
        read(shell.output, into: \.output)
        read(shell.errorOutput, into: \.errorOutput)
        let deadline = eventLoop.scheduleTask(in: .init(timeout)) { [self] in end(.failure(.timedOut)) }
        let endedMeanwhile = state.withLock { state in
            state.deadline = deadline
            return state.ended
        }
        if endedMeanwhile { deadline.cancel() }
    }

    /// Gives the answer unless one was given; a command still running is killed.
    func end(_ answer: Answer) {
        let ending: (CheckedContinuation<Answer, Never>, Scheduled<Void>?, [any Channel])? = state.withLock { state in
            guard !state.ended, let continuation = state.continuation else {
                state.ended = true
                return nil
            }
            state.ended = true
            state.continuation = nil
            return (continuation, state.deadline, state.readers)
        }
        guard let (continuation, deadline, readers) = ending else { return }
        deadline?.cancel()
        if case .failure = answer {
            killGroup()
            // A child that escaped the group may hold a pipe open for ever; its reader goes.
            for reader in readers { reader.close(promise: nil) }
        }
        continuation.resume(returning: answer)
    }

    /// Adds what a pipe gave; false once the outputs together are past the cap, and the
    /// command has been ended for it.
    func append(_ chunk: ByteBuffer, to field: WritableKeyPath<ShellCommand.Outcome, Data> & Sendable) -> Bool {
        let tooMuch = state.withLock { state in
            state.outcome[keyPath: field].append(contentsOf: chunk.readableBytesView)
            return state.outcome.output.count + state.outcome.errorOutput.count > ShellCommand.outputLimit
        }
        if tooMuch { end(.failure(.tooMuchOutput)) }
        return !tooMuch
    }

    func readerFinished() {
        let finished = state.withLock { state in
            state.openReaders -= 1
            return state.openReaders == 0 && state.exited
        }
        if finished { finishWithOutput() }
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
        eventLoop.scheduleTask(in: .init(ShellCommand.leftoverGrace)) { [self] in
            // Once answered, the group may be gone and its number reused: leave it alone.
            if !state.withLock({ $0.ended }) { killGroup() }
        }
    }

    private func read(_ descriptor: Int32, into field: WritableKeyPath<ShellCommand.Outcome, Data> & Sendable) {
        NIOPipeBootstrap(group: eventLoop)
            .channelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ShellOutputReader(run: self, field: field))
                }
            }
            .takingOwnershipOfDescriptor(input: descriptor)
            .whenComplete { [self] result in
                switch result {
                case .success(let reader):
                    let ended = state.withLock { state in
                        state.readers.append(reader)
                        return state.ended
                    }
                    if ended { reader.close(promise: nil) }
                case .failure:
                    readerFinished()
                }
            }
    }

    private func finishWithOutput() {
        end(.success(state.withLock { $0.outcome }))
    }
}
