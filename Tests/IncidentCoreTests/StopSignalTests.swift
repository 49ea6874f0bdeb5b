#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import IncidentCore

@Suite("Stop signals", .serialized)
struct StopSignalTests {
    @Test func aSignalWakesThePipeIsRecordedAndTheOldHandlerComesBack() {
        var before = sigaction()
        sigaction(SIGHUP, nil, &before)

        StopSignals.install()
        #expect(StopSignals.received == nil)
        #expect(!Self.readable(StopSignals.descriptor, withinMilliseconds: 0))
        // To the process, not this thread: whichever thread the kernel picks (test threads block
        // signals), the pipe must wake a poller, as it wakes the dashboard's loop.
        kill(getpid(), SIGHUP)
        #expect(Self.readable(StopSignals.descriptor, withinMilliseconds: 2_000))
        #expect(StopSignals.received == SIGHUP)

        StopSignals.restore()
        var after = sigaction()
        sigaction(SIGHUP, nil, &after)
        #expect(Self.handlerAddress(after) == Self.handlerAddress(before))

        StopSignals.install()
        #expect(StopSignals.received == nil, "a new install must not inherit an old signal")
        #expect(!Self.readable(StopSignals.descriptor, withinMilliseconds: 0), "nor its wake-up byte")
        StopSignals.restore()
    }

    @Test func thePipeIsNotInheritedByChildren() {
        StopSignals.install()
        defer { StopSignals.restore() }
        let flags = fcntl(StopSignals.descriptor, F_GETFD)
        #expect(flags >= 0 && flags & FD_CLOEXEC != 0)
    }

    static func readable(_ descriptor: Int32, withinMilliseconds timeout: Int32) -> Bool {
        var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&waiting, 1, timeout) == 1 && waiting.revents & Int16(POLLIN) != 0
    }

    static func handlerAddress(_ action: sigaction) -> Int {
        unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
    }
}
