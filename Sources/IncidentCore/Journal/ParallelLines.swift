import Synchronization

/// Works on journal lines on both cores while the caller takes the results, in order, on one:
/// decoding them into records (`decoding(source:)`: summary, report, replay), or checking each
/// link of the chain (`checkingChain()`: verify).
///
/// Lines are gathered into batches. While batch k is worked on in parts by the calling thread and
/// a helper thread, the caller first hands batch k-1's results to `take`, so the caller's own use
/// of one batch overlaps the work on the next. Results always reach `take` in file order. Each
/// thread frees the results it made: freeing another thread's allocations makes the two contend
/// for malloc's locks, which cost a tenth of the run.
final class ParallelLines<Output: Sendable> {
    /// What is done to each line, on either thread; it must not keep the bytes it is given.
    typealias Work = @Sendable (LineSplitter.Piece) -> Output

    private static var partsPerBatch: Int { 16 }

    private let batchBytes: Int
    private let work: Work
    private var bytes: [UInt8] = []
    private var lines: [PendingLine] = []
    private var done: [[Output]] = []
    /// For each part of `done`: true when the helper thread made (and so allocated) it.
    private var doneByHelper: [Bool] = []
    /// Parts the helper made that the caller has taken; the helper frees them next time.
    private var helperGarbage = ResultBox([])
    private let helper = HelperThread()

    private enum PendingLine {
        case text(start: Int, end: Int, number: Int)
        case tooLong(number: Int, length: Int)
    }

    init(batchBytes: Int, work: @escaping Work) {
        self.batchBytes = batchBytes
        self.work = work
        bytes.reserveCapacity(batchBytes + LineSplitter.maximumLineLength)
    }

    /// A read that fails partway never reaches `finish`; without this its helper thread would
    /// wait for work forever. (Stopping twice is harmless.)
    deinit { helper.stop() }

    func add(_ piece: LineSplitter.Piece, take: (Output) -> Void) {
        switch piece {
        case let .line(number, line):
            let start = bytes.count
            bytes.append(contentsOf: line)
            lines.append(.text(start: start, end: bytes.count, number: number))
        case let .tooLong(number, length):
            lines.append(.tooLong(number: number, length: length))
        }
        if bytes.count >= batchBytes { workOnBatch(take: take) }
    }

    /// Works on what is left and hands every remaining result over.
    func finish(take: (Output) -> Void) {
        workOnBatch(take: take)
        Self.deliver(done, take)
        done = []
        helper.stop()
    }

    private func workOnBatch(take: (Output) -> Void) {
        let ready = ResultBox(done)
        let readyByHelper = doneByHelper
        let garbage = helperGarbage
        done = []
        let lineCount = lines.count
        let parts = Swift.min(Self.partsPerBatch, Swift.max(1, lineCount))
        var results = [[Output]](repeating: [], count: parts)
        var byHelper = [Bool](repeating: false, count: parts)
        let nextPart = Atomic<Int>(0)
        let work = self.work
        let lines = self.lines
        bytes.withUnsafeBytes { raw in
            results.withUnsafeMutableBufferPointer { slots in
                byHelper.withUnsafeMutableBufferPointer { owners in
                    withoutActuallyEscaping(take) { take in
                        let shared = SharedBatch(raw: raw, lines: lines, slots: slots, owners: owners, take: take)
                        let workOnParts: @Sendable (Bool) -> Void = { isHelper in
                            while true {
                                let part = nextPart.wrappingAdd(1, ordering: .relaxed).oldValue
                                guard part < parts else { return }
                                let range = (lineCount * part / parts)..<(lineCount * (part + 1) / parts)
                                shared.slots[part] = range.map { work(Self.piece(shared.lines[$0], in: shared.raw)) }
                                shared.owners[part] = isHelper
                            }
                        }
                        helper.run({
                            garbage.batches = []
                            workOnParts(true)
                        }, alongside: {
                            // Hand over the previous batch, free what this thread made of it, then work.
                            Self.deliver(ready.batches, shared.take)
                            for part in ready.batches.indices where !readyByHelper[part] { ready.batches[part] = [] }
                            workOnParts(false)
                        })
                    }
                }
            }
        }
        helperGarbage = ready
        done = results
        doneByHelper = byHelper
        bytes.removeAll(keepingCapacity: true)
        self.lines.removeAll(keepingCapacity: true)
    }

    /// Unchecked: touched by one thread at a time, the hand-over in `HelperThread.run` ordering
    /// the accesses; the compiler cannot see that a lock taken elsewhere orders this variable.
    private final class ResultBox: @unchecked Sendable {
        var batches: [[Output]]
        init(_ batches: [[Output]]) { self.batches = batches }
    }

    /// What both threads reach during one `HelperThread.run`. Safe to share: the bytes and lines
    /// are only read, each thread writes only the parts it claimed, `take` is called by the
    /// calling thread alone, and none of it outlives `run`, which returns when both are done.
    /// Unchecked because none of that is visible to the compiler: the buffers are raw pointers,
    /// the parts are claimed through an atomic counter, and `take` is not Sendable.
    private struct SharedBatch: @unchecked Sendable {
        let raw: UnsafeRawBufferPointer
        let lines: [PendingLine]
        let slots: UnsafeMutableBufferPointer<[Output]>
        let owners: UnsafeMutableBufferPointer<Bool>
        let take: (Output) -> Void
    }

    private static func deliver(_ batches: [[Output]], _ take: (Output) -> Void) {
        for batch in batches {
            for result in batch { take(result) }
        }
    }

    private static func piece(_ line: PendingLine, in raw: UnsafeRawBufferPointer) -> LineSplitter.Piece {
        switch line {
        case let .text(start, end, number): .line(number: number, bytes: UnsafeRawBufferPointer(rebasing: raw[start..<end]))
        case let .tooLong(number, length): .tooLong(number: number, length: length)
        }
    }
}

extension ParallelLines where Output == JournalRecord {
    /// Lines decoded into records, as `LineSplitter.Piece.record` decodes them, a megabyte a batch.
    static func decoding(source: String) -> ParallelLines<JournalRecord> {
        ParallelLines(batchBytes: 1 << 20) { $0.record(source: source) }
    }
}
