#if canImport(Glibc)
import Glibc
#endif

/// What every sitrep process sets before anything else, inherited by sitrep-full when the front
/// hands a command over.
public enum SignalMask {
    /// A process inherits its parent's blocked signals. Started from a thread that blocks them
    /// (Dispatch workers do), `sitrep timeline -f` could not be stopped with SIGTERM or Ctrl-C.
    public static func unblockTermination() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGHUP)
        sigaddset(&signals, SIGQUIT)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    /// Under a file-size limit (`ulimit -f`), a write past it would kill sitrep halfway through an
    /// append; ignored, the write comes up short with EFBIG and the append is taken back whole.
    /// Programs the collector starts get the default back (SpawnDefaults).
    public static func ignoreFileSizeLimit() {
        signal(SIGXFSZ, SIG_IGN)
    }
}
