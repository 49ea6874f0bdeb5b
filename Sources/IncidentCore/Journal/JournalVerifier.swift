import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// What `sitrep verify` found: every problem by line, and the head to pin for next time.
public struct VerifyReport: Sendable {
    public var problems: [BadLine] = []
    public var lines = 0
    /// SHA-256 of the last complete line.
    public var head: String?
    /// The line whose hash matched `--expect-head`, when one did.
    public var expectedHeadLine: Int?

    public var isIntact: Bool { problems.isEmpty }
}

/// Checks every line of a journal file and its hash chain.
///
/// Problems it reports: bad lines, a `prev` that does not match the line before (a line changed,
/// removed or inserted), a line after the first written without `prev` (by a tool outside the
/// chain), a `prev` on the first line (lines cut from the start), repeated ids, an unfinished last
/// line, and, given the head recorded earlier, a journal cut short since.
public struct JournalVerifier {
    public let path: String

    public init(path: String) { self.path = path }

    public func verify(expectHead: String? = nil) throws(JournalError) -> VerifyReport {
        let fd = try JournalFile.openForReading(path)
        defer { try? fd.close() }
        var pass = Pass(path: path, fd: fd, expectHead: expectHead?.lowercased())
        var splitter = LineSplitter()
        let checker = ParallelLines.checkingChain()
        try FileChunks.read(fd, path: path) { chunk in
            splitter.feed(chunk) { piece in checker.add(piece) { pass.check($0) } }
        }
        checker.finish { pass.check($0) }
        if splitter.hasUnfinishedLine {
            pass.problem(splitter.lineNumber + 1, "unfinished last line (no newline): a write was cut off")
        }
        return pass.finish()
    }

    /// Checks lines handed over by a store that keeps them apart (PostgreSQL), numbered from 1:
    /// the same checks, plus a gap in the numbering (a row removed behind sitrep's back).
    public static func verify(source: String, expectHead: String? = nil,
                              lines: ((_ number: Int, _ bytes: [UInt8]) -> Void) throws(JournalError) -> Void)
        throws(JournalError) -> VerifyReport
    {
        var pass = Pass(path: source, fd: nil, expectHead: expectHead?.lowercased())
        var expected = 1
        try lines { number, bytes in
            if number > expected {
                let missing = expected == number - 1 ? "line \(expected) is" : "lines \(expected) to \(number - 1) are"
                pass.problem(number, "\(missing) missing: removed from the store")
            }
            expected = number + 1
            let line = bytes.withUnsafeBytes { ChainLine($0) }
            pass.check(.line(number: number, length: bytes.count, line))
        }
        return pass.finish()
    }
}

/// Follows the chain through lines already checked one by one (`ChainLine`), in file order.
private struct Pass {
    let path: String
    /// For hashing a line too long for the splitter to hand over: read again in pieces. Lines
    /// from a store come whole, and never too long.
    let fd: FileDescriptor?
    let expectHead: String?
    /// `expectHead`'s digits when it can match a hash at all (8 or more).
    let expectedDigits: [UInt8]?
    var report = VerifyReport()
    var previousHash: LineHash?
    var seenIDs = SeenIDs()
    /// Where the line being checked starts in the file.
    var lineStart: Int64 = 0

    init(path: String, fd: FileDescriptor?, expectHead: String?) {
        self.path = path
        self.fd = fd
        self.expectHead = expectHead
        expectedDigits = expectHead.flatMap { $0.count >= 8 ? Array($0.utf8) : nil }
    }

    mutating func check(_ checked: CheckedLine) {
        report.lines += 1
        switch checked {
        case let .tooLong(number, length):
            problem(number, "line is \(length) bytes, over the reader's limit")
            // Too long to hold, but the next line is chained to it all the same.
            let digest = fd.flatMap { ChainHash.digest(of: $0, from: lineStart, to: lineStart + Int64(length)) }
            hashed(digest.map(LineHash.init), line: number, length: length)
        case let .line(number, length, line):
            if let reason = line.badReason {
                problem(number, "bad line: \(reason)")
            } else {
                checkChain(line, number: number)
            }
            hashed(line.hash, line: number, length: length)
        }
    }

    private mutating func hashed(_ hash: LineHash?, line: Int, length: Int) {
        previousHash = hash
        lineStart += Int64(length) + 1
        if let hash, let expectedDigits, hash.hasHexPrefix(expectedDigits) { report.expectedHeadLine = line }
    }

    private mutating func checkChain(_ checked: ChainLine, number line: Int) {
        if let id = checked.id {
            if let first = seenIDs.firstUse(of: id, onLine: line) {
                problem(line, "id \(SafeText.quoted(id)) already used on line \(first)")
            }
        }
        switch (checked.prev, line) {
        case (.absent, 1):
            break
        case (_, 1):
            problem(line, "first line has \"prev\": lines before it were removed")
        case (.absent, _):
            problem(line, "written without \"prev\": outside the hash chain")
        case (let prev, _):
            guard let previousHash else {
                problem(line, "cannot check \"prev\": the line before could not be hashed")
                return
            }
            if prev != .hash(previousHash) {
                problem(line, "chain broken: \"prev\" is not the SHA-256 of line \(line - 1) (a line was changed, removed or inserted)")
            }
        }
    }

    mutating func problem(_ line: Int, _ reason: String) {
        report.problems.append(BadLine(source: path, line: line, reason: reason))
    }

    mutating func finish() -> VerifyReport {
        report.head = previousHash?.hex
        if let expectHead {
            if expectHead.count < 8 || !expectHead.allSatisfy(\.isHexDigit) {
                problem(report.lines, "--expect-head needs at least 8 hex digits of a SHA-256, got \(expectHead.debugDescription)")
            } else if report.expectedHeadLine == nil {
                problem(report.lines, "expected head \(expectHead.prefix(12)) is not any line's hash: the journal was cut short or rewritten")
            }
        }
        return report
    }
}
