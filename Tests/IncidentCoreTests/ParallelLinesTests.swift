import Testing
@testable import IncidentCore

/// The pipeline under summary, report, replay and verify, with batches small enough to hand over
/// thousands of them: every line's result reaches `take` once, in file order, and a reader
/// dropped with batches in flight lets go of its helper without waiting for `finish`.
@Suite struct ParallelLinesTests {
    /// Lines "line N", handed over as a splitter would hand them.
    func feed(_ lines: Int, to parallel: ParallelLines<Int>, take: (Int) -> Void) {
        var splitter = LineSplitter()
        for number in 1...lines {
            Array("line \(number)\n".utf8).withUnsafeBytes { chunk in
                splitter.feed(chunk) { parallel.add($0, take: take) }
            }
        }
    }

    /// Each result is the line's number, read back from the bytes the worker was given.
    func numberWorker() -> ParallelLines<Int> {
        ParallelLines(batchBytes: 64) { piece in
            guard case .line(_, let bytes) = piece else { return -1 }
            return Int(String(decoding: bytes.dropFirst(5), as: UTF8.self)) ?? -1
        }
    }

    @Test(arguments: [1, 7, 20_000])
    func everyResultArrivesOnceInFileOrder(lines: Int) {
        let parallel = numberWorker()
        var results: [Int] = []
        feed(lines, to: parallel) { results.append($0) }
        parallel.finish { results.append($0) }
        #expect(results == Array(1...lines))
    }

    @Test func aReaderDroppedWithBatchesInFlightStopsCleanly() {
        for _ in 0..<50 {
            var parallel: ParallelLines<Int>? = numberWorker()
            var taken = 0
            feed(500, to: parallel!) { _ in taken += 1 }
            #expect(taken > 0 && taken < 500, "some batches handed over, some still in flight")
            parallel = nil  // no finish: a read that failed partway
        }
    }
}
