#if canImport(Glibc)
import Glibc
#endif

/// The name ps, top, pgrep -x and killall show. After `sitrep` hands a command over (execv), the
/// kernel names the process after this file, sitrep-full; a responder looking for the dashboard
/// they started types sitrep.
enum ProcessName {
    /// Before any thread starts: a thread takes its name from the one that starts it.
    static func setToSitrep() {
        let descriptor = open("/proc/self/comm", O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = "sitrep".withCString { write(descriptor, $0, strlen($0)) }
        close(descriptor)
    }
}
