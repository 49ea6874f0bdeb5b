import Foundation
import Synchronization

/// Runs `/bin/sh -c COMMAND` with a deadline and collects what it prints. A command that hangs
/// (a database that accepts the connection and never answers) is killed at the deadline with
/// everything it started, so the pool's next sample is never stuck behind it and nothing is
/// left running.
enum ShellCommand {
    struct Outcome: Sendable {
        var status: Int32
        var output: Data
        var errorOutput: Data
    }

    enum Failure: Error, Sendable {
        case cannotStart(String)
        case timedOut
    }

    /// Serial queues get a thread of their own when the shared pool is busy.
    private static let timers = DispatchQueue(label: "sitrep shell command deadlines")

    static func run(_ command: String, timeout: Duration) async -> Result<Outcome, Failure> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        let errorOutput = Pipe()
        process.standardOutput = output
        process.standardError = errorOutput
        process.standardInput = FileHandle.nullDevice

        return await withCheckedContinuation { continuation in
            let finish = Once(continuation)
            let collected = Collected()
            let group = DispatchGroup()
            group.enter()
            process.terminationHandler = { ended in
                collected.setStatus(ended.terminationStatus)
                group.leave()
            }
            let started = Result { try process.run() }
            // Our copies of the write ends must close, or the readers never see the end.
            try? output.fileHandleForWriting.close()
            try? errorOutput.fileHandleForWriting.close()
            if case .failure(let error) = started {
                try? output.fileHandleForReading.close()
                try? errorOutput.fileHandleForReading.close()
                finish.resume(.failure(.cannotStart("cannot start /bin/sh: \(error.localizedDescription)")))
                return
            }
            collected.read(output.fileHandleForReading, into: \.output, group: group)
            collected.read(errorOutput.fileHandleForReading, into: \.errorOutput, group: group)
            let pid = process.processIdentifier
            timers.asyncAfter(deadline: .now() + timeout.seconds) {
                guard finish.resume(.failure(.timedOut)) else { return }
                // Foundation starts the shell as the leader of a process group of its own: killing
                // the group ends its children too, where killing only the shell left a `psql`
                // or `sleep` running and holding the output pipe open.
                kill(-pid, SIGKILL)
            }
            group.notify(queue: timers) { finish.resume(.success(collected.outcome)) }
        }
    }

    /// Output gathered by reader threads while the command runs.
    private final class Collected: Sendable {
        private let state = Mutex(Outcome(status: -1, output: Data(), errorOutput: Data()))

        var outcome: Outcome { state.withLock { $0 } }

        func setStatus(_ status: Int32) { state.withLock { $0.status = status } }

        func read(_ handle: FileHandle, into field: WritableKeyPath<Outcome, Data> & Sendable, group: DispatchGroup) {
            group.enter()
            // A thread of its own: blocking reads on Dispatch's shared pool starved the deadline
            // timer, and a 300 ms timeout fired after 2 s with a few commands running.
            Thread.detachNewThread {
                let data = handle.readDataToEndOfFile()
                self.state.withLock { $0[keyPath: field] = data }
                group.leave()
            }
        }
    }

    /// The continuation resumes exactly once: whichever of "finished" and "deadline" comes first.
    private final class Once: Sendable {
        private let continuation: Mutex<CheckedContinuation<Result<Outcome, Failure>, Never>?>

        init(_ continuation: CheckedContinuation<Result<Outcome, Failure>, Never>) {
            self.continuation = Mutex(continuation)
        }

        @discardableResult
        func resume(_ result: Result<Outcome, Failure>) -> Bool {
            guard let pending = continuation.withLock({ state in defer { state = nil }; return state }) else { return false }
            pending.resume(returning: result)
            return true
        }
    }
}
