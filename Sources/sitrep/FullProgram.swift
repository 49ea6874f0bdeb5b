import IncidentCore
import SitrepRecording

#if canImport(Glibc)
import Glibc
#endif

/// sitrep-full, which reads every command with ArgumentParser: installed in the same folder as
/// sitrep (`swift build` puts both in .build/release or .build/debug).
enum FullProgram {
    static let name = "sitrep-full"

    /// Runs it in this process with the same arguments (its name in them stays `sitrep`, as the
    /// user typed it), or says why it cannot and exits 127 when it is not there, 126 otherwise,
    /// as a shell would.
    static func run(_ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Never {
        let path = Self.path
        // Never a bare name to execv, which would look in the working folder.
        if path.contains("/") { execv(path, argv) } else { execvp(path, argv) }
        let failure = errno
        Output.error("cannot run \(SafeText.escape(path)): \(String(cString: strerror(failure))); "
                     + "install \(name) in the same folder as sitrep (see the README)")
        exit(failure == ENOENT ? 127 : 126)
    }

    /// Beside the running program; only the name, looked up on $PATH, if the system does not say
    /// where that is.
    static var path: String {
        guard let running = RunningProgram.path, let slash = running.lastIndex(of: "/") else { return name }
        return running[...slash] + name
    }
}
