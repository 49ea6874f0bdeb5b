#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import SitrepTUI

@Suite("Termination signals", .serialized)
struct TerminationSignalTests {
    @Test func aSignalIsRecordedForTheLoopAndTheOldHandlerComesBack() {
        var before = sigaction()
        sigaction(SIGHUP, nil, &before)

        let signals = TerminationSignals.install()
        #expect(TerminationSignals.pending == nil)
        // To the process, not this thread: test threads block signals, as a real sender's
        // signal would find the main thread instead. Delivery is asynchronous, hence the wait.
        kill(getpid(), SIGHUP)
        for _ in 0..<200 where TerminationSignals.pending == nil {
            usleep(5_000)
        }
        #expect(TerminationSignals.pending == SIGHUP)

        signals.restore()
        var after = sigaction()
        sigaction(SIGHUP, nil, &after)
        #expect(handlerAddress(after) == handlerAddress(before))

        let again = TerminationSignals.install()
        #expect(TerminationSignals.pending == nil, "a new backend must not inherit an old signal")
        again.restore()
    }

    private func handlerAddress(_ action: sigaction) -> Int {
        unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
    }
}
