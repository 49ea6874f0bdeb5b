#if canImport(Glibc)
import Glibc
#endif

/// ArgumentParser wraps help paragraphs to the terminal but leaves the USAGE synopsis on one line,
/// past 80 columns for most commands. It is wrapped here, only between whole options (never inside
/// `[--journal <file>]`), under the synopsis as ArgumentParser indents a usage of several lines.
enum UsageLine {
    static let prefix = "USAGE: "

    static func wrapped(in help: String, width: Int = TerminalWidth.current) -> String {
        help.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix(prefix) && line.count > width ? wrap(String(line), width: width) : String(line)
        }.joined(separator: "\n")
    }

    private static func wrap(_ line: String, width: Int) -> String {
        let indent = String(repeating: " ", count: prefix.count)
        var lines: [String] = []
        var current = ""
        for part in topLevelParts(of: String(line.dropFirst(prefix.count))) {
            if !current.isEmpty, (lines.isEmpty ? prefix.count : indent.count) + current.count + 1 + part.count > width {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + part
        }
        lines.append(current)
        return prefix + lines.joined(separator: "\n" + indent)
    }

    /// The synopsis split at spaces outside brackets: `sitrep`, `replay`, `[--speed <factor>]`, ...
    private static func topLevelParts(of synopsis: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in synopsis {
            if character == " ", depth == 0 {
                if !current.isEmpty { parts.append(current) }
                current = ""
                continue
            }
            if character == "[" || character == "<" { depth += 1 }
            if character == "]" || character == ">" { depth = max(0, depth - 1) }
            current.append(character)
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }
}

/// The width ArgumentParser wraps help to: $COLUMNS, else the terminal on stdout, else 80.
enum TerminalWidth {
    static var current: Int {
        if let text = getenv("COLUMNS").map({ String(cString: $0) }), let columns = Int(text), columns > 0 { return columns }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
