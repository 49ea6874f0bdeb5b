#if canImport(Glibc)
import Glibc
#endif

/// The program this process runs.
public enum RunningProgram {
    /// Its path, resolved through symlinks where the system says it (/proc/self/exe), else the
    /// name it was started by.
    public static var path: String? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if length > 0 {
            return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        #endif
        return CommandLine.arguments.first
    }
}
