import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The binaries users run: `swift build -c release --disable-default-traits`, sitrep and the
/// sitrep-full it hands commands to. Signal handling and start-up have differed between the debug
/// and release builds, so the tests about stopping check these too.
enum ReleaseBinary {
    /// `$SITREP_RELEASE_BIN`, else `.build/release/sitrep`, built first when it or sitrep-full is
    /// missing or older than any source file (`.ci/run` builds them before the tests, so there
    /// this never builds).
    /// `swift test` holds the build folder's lock while tests run, so the build ignores it: the
    /// test run has finished building and only the release folder is written.
    static let path: Result<String, ChildProcess.Failure> = {
        if let given = ProcessInfo.processInfo.environment["SITREP_RELEASE_BIN"] { return .success(given) }
        let binary = Repository.root + "/.build/release/sitrep"
        let built = [binary, binary + "-full"].map { modificationTime($0) ?? 0 }.min() ?? 0
        if built >= newestSource() { return .success(binary) }
        let scratch = NSTemporaryDirectory() + "sitrep-release-build-\(getpid())"
        do {
            let status = try ChildProcess.run(["/bin/sh", "-c", "cd \(Repository.root.shellQuoted) && swift build -c release --disable-default-traits --ignore-lock"],
                                              environment: ProcessInfo.processInfo.environment,
                                              output: scratch + ".out", errors: scratch + ".err")
            guard status == 0 else {
                let errors = (try? String(contentsOfFile: scratch + ".out", encoding: .utf8)) ?? ""
                return .failure(ChildProcess.Failure(description: "swift build -c release failed (\(status)):\n\(errors.suffix(2000))"))
            }
        } catch {
            return .failure(error as? ChildProcess.Failure ?? ChildProcess.Failure(description: "\(error)"))
        }
        return .success(binary)
    }()

    private static func modificationTime(_ path: String) -> Double? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
    }

    private static func newestSource() -> Double {
        let root = Repository.root
        var newest = modificationTime(root + "/Package.swift") ?? 0
        let sources = FileManager.default.enumerator(atPath: root + "/Sources")
        while let relative = sources?.nextObject() as? String {
            newest = max(newest, modificationTime(root + "/Sources/" + relative) ?? 0)
        }
        return newest
    }
}
