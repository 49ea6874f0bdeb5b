import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// Sees the shell exit, and reaps it, without a thread blocked in waitpid: a non-blocking
/// waitpid on the event loop, soon after the start and then every 20 ms. A quick command is
/// seen within a few milliseconds; the cost of a slow one is a cheap system call 50 times a
/// second while it runs. (A SIGCHLD handler would be exact, but it is process-wide state that
/// the dashboard's children and the tests' would share.)
struct ShellExitWatch: Sendable {
    let pid: pid_t
    let eventLoop: any EventLoop
    let exited: @Sendable (Int32) -> Void

    static let longestPause = TimeAmount.milliseconds(20)

    func start() { check(after: .milliseconds(1)) }

    private func check(after pause: TimeAmount) {
        eventLoop.scheduleTask(in: pause) {
            if let status = SpawnDefaults.exitStatusIfExited(pid) { return exited(status) }
            check(after: min(pause * 2, Self.longestPause))
        }
    }
}
