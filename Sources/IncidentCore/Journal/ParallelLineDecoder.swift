import Synchronization

/// Decodes journal lines on both cores while the caller folds them, in order, on one.
///
/// Lines are gathered into batches of about a megabyte. While batch k is decoded in parts by the
/// calling thread and a helper thread, the caller first hands batch k-1's records to `visit`, so
/// the fold of one batch overlaps the decoding of the next. Records always reach `visit` in file
/// order. Each thread frees the records it decoded: freeing another thread's allocations makes
/// the two contend for malloc's locks, which cost a tenth of the run.
final class ParallelLineDecoder {
    private static let batchBytes = 1 << 20
    private static let partsPerBatch = 16

    private let source: String
    private var bytes: [UInt8] = []
    private var lines: [PendingLine] = []
    private var decoded: [[JournalRecord]] = []
    /// For each part of `decoded`: true when the helper thread decoded (and so allocated) it.
    private var decodedByHelper: [Bool] = []
    /// Parts the helper decoded that the caller has delivered; the helper frees them next time.
    private var helperGarbage = RecordBox([])
    private let helper = HelperThread()

    private enum PendingLine {
        case text(start: Int, end: Int, number: Int)
        case tooLong(number: Int, length: Int)
    }

    init(source: String) {
        self.source = source
        bytes.reserveCapacity(Self.batchBytes + LineSplitter.maximumLineLength)
    }

    /// A read that fails partway never reaches `finish`; without this its helper thread would
    /// wait for work forever. (Stopping twice is harmless.)
    deinit { helper.stop() }

    func add(_ piece: LineSplitter.Piece, visit: (JournalRecord) -> Void) {
        switch piece {
        case let .line(number, line):
            let start = bytes.count
            bytes.append(contentsOf: line)
            lines.append(.text(start: start, end: bytes.count, number: number))
        case let .tooLong(number, length):
            lines.append(.tooLong(number: number, length: length))
        }
        if bytes.count >= Self.batchBytes { decodeBatch(visit: visit) }
    }

    /// Decodes what is left and hands every remaining record over.
    func finish(visit: (JournalRecord) -> Void) {
        decodeBatch(visit: visit)
        Self.deliver(decoded, visit)
        decoded = []
        helper.stop()
    }

    private func decodeBatch(visit: (JournalRecord) -> Void) {
        let ready = RecordBox(decoded)
        let readyByHelper = decodedByHelper
        let garbage = helperGarbage
        decoded = []
        let lineCount = lines.count
        let parts = Swift.min(Self.partsPerBatch, Swift.max(1, lineCount))
        var results = [[JournalRecord]](repeating: [], count: parts)
        var byHelper = [Bool](repeating: false, count: parts)
        let nextPart = Atomic<Int>(0)
        let source = self.source
        let lines = self.lines
        bytes.withUnsafeBytes { raw in
            results.withUnsafeMutableBufferPointer { slots in
                byHelper.withUnsafeMutableBufferPointer { owners in
                    withoutActuallyEscaping(visit) { visit in
                        let shared = SharedBatch(raw: raw, lines: lines, slots: slots, owners: owners, visit: visit)
                        let decodeParts: @Sendable (Bool) -> Void = { isHelper in
                            while true {
                                let part = nextPart.wrappingAdd(1, ordering: .relaxed).oldValue
                                guard part < parts else { return }
                                let range = (lineCount * part / parts)..<(lineCount * (part + 1) / parts)
                                shared.slots[part] = range.map { Self.decode(shared.lines[$0], in: shared.raw, source: source) }
                                shared.owners[part] = isHelper
                            }
                        }
                        helper.run({
                            garbage.batches = []
                            decodeParts(true)
                        }, alongside: {
                            // Fold the previous batch, free what this thread decoded of it, then decode.
                            Self.deliver(ready.batches, shared.visit)
                            for part in ready.batches.indices where !readyByHelper[part] { ready.batches[part] = [] }
                            decodeParts(false)
                        })
                    }
                }
            }
        }
        helperGarbage = ready
        decoded = results
        decodedByHelper = byHelper
        bytes.removeAll(keepingCapacity: true)
        self.lines.removeAll(keepingCapacity: true)
    }

    /// Unchecked: touched by one thread at a time, the hand-over in `HelperThread.run` ordering
    /// the accesses; the compiler cannot see that a lock taken elsewhere orders this variable.
    private final class RecordBox: @unchecked Sendable {
        var batches: [[JournalRecord]]
        init(_ batches: [[JournalRecord]]) { self.batches = batches }
    }

    /// What both threads reach during one `HelperThread.run`. Safe to share: the bytes and lines
    /// are only read, each thread writes only the parts it claimed, `visit` is called by the
    /// calling thread alone, and none of it outlives `run`, which returns when both are done.
    /// Unchecked because none of that is visible to the compiler: the buffers are raw pointers,
    /// the parts are claimed through an atomic counter, and `visit` is not Sendable.
    private struct SharedBatch: @unchecked Sendable {
        let raw: UnsafeRawBufferPointer
        let lines: [PendingLine]
        let slots: UnsafeMutableBufferPointer<[JournalRecord]>
        let owners: UnsafeMutableBufferPointer<Bool>
        let visit: (JournalRecord) -> Void
    }

    private static func deliver(_ batches: [[JournalRecord]], _ visit: (JournalRecord) -> Void) {
        for batch in batches {
            for record in batch { visit(record) }
        }
    }

    private static func decode(_ line: PendingLine, in raw: UnsafeRawBufferPointer, source: String) -> JournalRecord {
        switch line {
        case let .text(start, end, number):
            return LineSplitter.Piece.line(number: number, bytes: UnsafeRawBufferPointer(rebasing: raw[start..<end]))
                .record(source: source)
        case let .tooLong(number, length):
            return LineSplitter.Piece.tooLong(number: number, length: length).record(source: source)
        }
    }
}
