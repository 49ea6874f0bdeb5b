import NIOCore
import NIOPosix
import Synchronization
import Testing
@testable import SitrepCollect
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

@Suite("The collector's parts on NIO's shared loops and pool: wake-ups, the append gate, exit watching")
struct SharedLoopPartsTests {
    @Test("a signal given before anyone waits is kept; signals while nobody waits count as one")
    func wakeSignalKeepsOneSignal() async {
        let wake = WakeSignal()
        wake.signal()
        wake.signal()
        await wake.wait()
        let woken = Mutex(false)
        let waiter = Task {
            await wake.wait()
            woken.withLock { $0 = true }
        }
        // The second signal was not kept: the waiter sleeps until a new one. There is no event
        // to wait on for "nothing happened", so a pause is the only way to see it.
        try? await Task.sleep(for: .milliseconds(100))
        #expect(!woken.withLock { $0 })
        wake.signal()
        await waiter.value
        #expect(woken.withLock { $0 })
    }

    @Test("closing the gate waits for the append running and refuses the next")
    func appendGateDrainsThenRefuses() async throws {
        let gate = AppendGate()
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let finished = Mutex(false)
        let running = gate.run(eventLoop: loop) {
            // Holds a pool thread until the test lets it go, as a slow fsync would.
            while !finished.withLock({ $0 }) { usleep(1_000) }
            return 1
        }
        let closed = Task {
            try await gate.close(on: loop).get()
            return finished.withLock { $0 }
        }
        let refused = await eventually(seconds: 10) {
            do { _ = try await gate.run(eventLoop: loop) { 2 }.get(); return false } catch { return error is AppendGate.Closed }
        }
        #expect(refused, "once closing, a new append is refused")
        finished.withLock { $0 = true }
        #expect(try await running.get() == 1)
        #expect(try await closed.value, "close returned only after the running append finished")
    }

    @Test("a shell's exit is seen and its status read, including death by a signal")
    func exitWatchReadsStatus() async {
        for (command, expected) in [("exit 3", Int32(3)), ("kill -TERM $$", 128 + SIGTERM)] {
            let shell = try? SpawnedShell.start(command)
            guard let shell else { Issue.record("cannot start \(command)"); continue }
            close(shell.output)
            close(shell.errorOutput)
            let status = await withCheckedContinuation { continuation in
                ShellExitWatch(pid: shell.pid, eventLoop: MultiThreadedEventLoopGroup.singleton.next()) { continuation.resume(returning: $0) }.start()
            }
            #expect(status == expected, "\(command)")
        }
    }

    @Test("the shell's pipes are close-on-exec: a second command does not inherit the first's")
    func pipesAreCloseOnExec() throws {
        let shell = try SpawnedShell.start("exit 0")
        defer { close(shell.output); close(shell.errorOutput); _ = SpawnDefaults.waitForExit(shell.pid) }
        for descriptor in [shell.output, shell.errorOutput] {
            #expect(fcntl(descriptor, F_GETFD) & FD_CLOEXEC != 0)
        }
    }
}
