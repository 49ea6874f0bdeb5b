#if canImport(Glibc)
import Glibc
#endif

/// What every program sitrep starts needs, whichever thread starts it: Dispatch and the Swift
/// runtime block all signals on their worker threads, and a child inherits that mask. A command
/// or daemon started from one would never die on SIGTERM or SIGHUP.
enum SpawnDefaults {
    /// Sets `attributes` for no signal blocked and the stop signals at their defaults; returns
    /// the posix_spawn flags that takes, to be combined with any others.
    static func resetSignals(_ attributes: inout posix_spawnattr_t) -> Int32 {
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for signal in [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGCHLD, SIGXFSZ] { sigaddset(&defaultSignals, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        return POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
    }

    /// Blocks until `pid` exits and reaps it: its exit status, or 128 + the signal that ended it;
    /// -1 if it cannot be waited for.
    static func waitForExit(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return -1 }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
