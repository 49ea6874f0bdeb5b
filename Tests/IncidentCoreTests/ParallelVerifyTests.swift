import Foundation
import TestSupport
import Testing
@testable import IncidentCore

/// `verify` checks lines on two threads, a few megabytes at a time, and follows the chain on one.
/// On a journal of several batches with every kind of problem in it, near and across batch
/// edges, it must report exactly what the one-thread verifier it replaced reported
/// (`ReferenceVerifier`, that verifier's checks as they were).
@Suite struct ParallelVerifyTests {
    @Test func aJournalOfSeveralBatchesGetsTheReportItAlwaysGot() throws {
        let folder = TemporaryFolder()
        let path = folder.file("incident.jsonl")
        var lines = Self.chainedLines(count: 40_000)
        lines[5] = lines[5].replacingOccurrences(of: "entry 5", with: "entry five")  // breaks line 7's link
        lines[19_999] = #"{"ts":"2023-06-01T09:00:00Z","kind":"note""#  // bad JSON, mid-journal
        lines[20_000] = lines[20_000].replacingOccurrences(of: #","prev":"#, with: #","x":"#)  // outside the chain
        lines[25_000] = lines[24_000]  // a repeated id, and a broken link
        lines[31_000] = #"{"ts":"2023-06-01T09:00:00Z","kind":"note","text":""# + String(repeating: "x", count: 3 << 19) + #""}"#
        lines.insert("", at: 35_000)
        lines.insert(#"{"kind":"note","prev":"x"}"#, at: 36_000)
        _ = folder.write("incident.jsonl", lines.joined(separator: "\n") + "\n" + #"{"ts":"torn"#)

        let head = ChainHash.of(Array(lines[30_000].utf8))
        for expectHead in [nil, String(head.prefix(12)), "zzzzzzzz", "0123"] {
            let report = try JournalVerifier(path: path).verify(expectHead: expectHead)
            let reference = try ReferenceVerifier.verify(path: path, expectHead: expectHead)
            #expect(report.problems == reference.problems)
            #expect(report.lines == reference.lines)
            #expect(report.head == reference.head)
            #expect(report.expectedHeadLine == reference.expectedHeadLine)
        }
        let problems = try JournalVerifier(path: path).verify().problems
        #expect(problems.count > 8, "\(problems)")
        #expect(problems.allSatisfy { $0.source == path })
    }

    @Test func aStoresLinesGetTheSameChecks() throws {
        let lines = Self.chainedLines(count: 50)
        var broken = lines
        broken[10] = broken[10].replacingOccurrences(of: "entry 10", with: "entry ten")
        let report = try JournalVerifier.verify(source: "store") { visit throws(JournalError) in
            for (index, line) in broken.enumerated() where index != 30 { visit(index + 1, Array(line.utf8)) }
        }
        #expect(report.problems.map(\.description) == [
            "store:12: chain broken: \"prev\" is not the SHA-256 of line 11 (a line was changed, removed or inserted)",
            "store:32: line 31 is missing: removed from the store",
            "store:32: chain broken: \"prev\" is not the SHA-256 of line 31 (a line was changed, removed or inserted)",
        ])
    }

    /// Lines as sitrep writes them: an id each, and `prev` from the second on.
    static func chainedLines(count: Int) -> [String] {
        var lines: [String] = []
        var previous: String?
        for index in 0..<count {
            var entry = event("2023-06-01T09:00:00Z", .note, text: "entry \(index)") { $0.id = "id\(index)" }
            entry.prev = previous
            let line = EventEncoder.encode(entry)
            previous = ChainHash.of(line)
            lines.append(String(decoding: line, as: UTF8.self))
        }
        return lines
    }
}

/// The one-thread verifier as it was before the parallel one: every line decoded as an event,
/// the chain followed as it is read. Kept here as the measure of what `verify` reports.
enum ReferenceVerifier {
    static func verify(path: String, expectHead: String?) throws -> VerifyReport {
        let expectHead = expectHead?.lowercased()
        var report = VerifyReport()
        var previousHash: String?
        var seenIDs: [String: Int] = [:]
        func problem(_ line: Int, _ reason: String) { report.problems.append(BadLine(source: path, line: line, reason: reason)) }
        func hashed(_ hash: String?, line: Int) {
            previousHash = hash
            report.head = hash
            if let hash, let expectHead, expectHead.count >= 8, hash.hasPrefix(expectHead) { report.expectedHeadLine = line }
        }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        let unfinished = !(lines.last?.isEmpty ?? true)
        lines.removeLast()
        for (index, slice) in lines.enumerated() {
            let number = index + 1
            let line = Array(slice)
            report.lines += 1
            if line.count > LineSplitter.maximumLineLength {
                problem(number, "line is \(line.count) bytes, over the reader's limit")
                hashed(ChainHash.of(line), line: number)
                continue
            }
            switch EventDecoder.decode(line) {
            case .failure(let bad): problem(number, "bad line: \(bad.reason)")
            case .success(let event):
                if let id = event.id {
                    if let first = seenIDs[id] { problem(number, "id \(SafeText.quoted(id)) already used on line \(first)") } else { seenIDs[id] = number }
                }
                switch (event.prev, number) {
                case (nil, 1): break
                case (.some, 1): problem(number, "first line has \"prev\": lines before it were removed")
                case (nil, _): problem(number, "written without \"prev\": outside the hash chain")
                case (.some(let prev), _):
                    if let previousHash {
                        if prev != previousHash {
                            problem(number, "chain broken: \"prev\" is not the SHA-256 of line \(number - 1) (a line was changed, removed or inserted)")
                        }
                    } else {
                        problem(number, "cannot check \"prev\": the line before could not be hashed")
                    }
                }
            }
            hashed(ChainHash.of(line), line: number)
        }
        if unfinished { problem(lines.count + 1, "unfinished last line (no newline): a write was cut off") }
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
