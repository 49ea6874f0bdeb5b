import IncidentCore

#if canImport(Glibc)
import Glibc
#endif

/// What every program sitrep starts needs, whichever thread starts it: the Swift runtime and NIO
/// block signals on their threads, and a child inherits that mask. A command or daemon started
/// from one would never die on SIGTERM or SIGHUP.
package enum SpawnDefaults {
    /// Sets `attributes` for no signal blocked and the stop signals at their defaults; returns
    /// the posix_spawn flags that takes, to be combined with any others.
    package static func resetSignals(_ attributes: inout posix_spawnattr_t) -> Int32 {
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for signal in [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGCHLD, SIGXFSZ] { sigaddset(&defaultSignals, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        return POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
    }

    /// Reaps `pid` if it has exited, without waiting: its exit status, or 128 + the signal that
    /// ended it; nil while it runs; -1 if it cannot be waited for (reaped by someone else).
    static func exitStatusIfExited(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        let reaped = retryingOnInterrupt { waitpid(pid, &status, WNOHANG) }
        if reaped == 0 { return nil }
        return reaped < 0 ? -1 : exitStatus(status)
    }

    /// Blocks until `pid` exits and reaps it, for a caller with a thread to spare (the end-to-end
    /// tests' child processes); the collector uses `exitStatusIfExited` on an event loop.
    package static func waitForExit(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        guard retryingOnInterrupt({ waitpid(pid, &status, 0) }) >= 0 else { return -1 }
        return exitStatus(status)
    }

    private static func exitStatus(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
