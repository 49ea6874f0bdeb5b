import CNcursesw

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Character widths (wcwidth) and ncurses' wide-character output both follow the C library's
/// LC_CTYPE, which is "C" (ASCII only) until someone sets it. Measuring and drawing must agree,
/// so both go through here.
enum UTF8Locale {
    /// The environment's character set when it is UTF-8, else `C.UTF-8`: a dashboard that
    /// cannot draw `…`, `│` or a colleague's name is worse than one in the wrong language.
    /// Only LC_CTYPE, which is all ncurses needs: taking LC_NUMERIC from a German or French
    /// environment would make C formatting write decimal commas into journals and reports.
    static func adoptEnvironment() {
        setlocale(LC_CTYPE, "")
        if !isUTF8 { setlocale(LC_CTYPE, "C.UTF-8") }
    }

    /// Makes LC_CTYPE UTF-8 without touching a UTF-8 locale already chosen. Runs once: setlocale
    /// is not thread-safe, and a Swift global's initialiser runs exactly once.
    static func ensureForMeasuring() {
        _ = measuringReady
    }

    private static let measuringReady: Bool = {
        if !isUTF8 { setlocale(LC_CTYPE, "C.UTF-8") }
        return isUTF8
    }()

    static var isUTF8: Bool { sitrep_is_utf8_codeset() != 0 }
}
