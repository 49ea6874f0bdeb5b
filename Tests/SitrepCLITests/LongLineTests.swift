import Foundation
import TestSupport
import Testing
@testable import IncidentCore

/// Appending after a very long last line that another program wrote. Before, the append gathered
/// the line by prepending 64 KiB blocks to it: quadratic time under the lock, and the line held
/// in memory twice over. Speed is for Benchmarks/tail-bench.py; this checks the memory.
@Suite(.oneAtATime) struct LongLineTests {
    /// Enough for `sitrep note` on a small journal with room to spare, well under the 2 × 48 MiB
    /// that holding the line would take.
    static let dataLimit = 64 << 20

    @Test func aNoteAfterA48MebibyteLastLineChainsToItInBoundedMemory() throws {
        let scratch = TemporaryFolder()
        let long = #"{"ts":"2023-06-01T09:00:00Z","kind":"note","text":""# + String(repeating: "x", count: 48 << 20) + #""}"#
        try (long + "\n").write(toFile: scratch.file("incident.jsonl"), atomically: false, encoding: .utf8)
        var cli = CLI(folder: scratch.path)
        cli.limits = ["--data=\(Self.dataLimit)"]

        let result = try cli.run(["note", "after the long line"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try scratch.events().last?.prev == ChainHash.of(Array(long.utf8)))
    }
}
