import Synchronization

/// Decodes journal lines on both cores while the caller folds them, in order, on one.
///
/// Lines are gathered into batches of about a megabyte. While batch k is decoded in parts by two
/// workers, one of them first hands batch k-1's records to the caller, so the fold of one batch
/// overlaps the decoding of the next. Records always reach `visit` in file order.
final class ParallelLineDecoder {
    private static let batchBytes = 1 << 20
    private static let partsPerBatch = 16

    private let source: String
    private var bytes: [UInt8] = []
    private var lines: [PendingLine] = []
    private var decoded: [[JournalRecord]] = []
    private let helper = HelperThread()

    private enum PendingLine {
        case text(start: Int, end: Int, number: Int)
        case tooLong(number: Int, length: Int)
    }

    init(source: String) {
        self.source = source
        bytes.reserveCapacity(Self.batchBytes + LineSplitter.maximumLineLength)
    }

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
        deliver(decoded, visit)
        decoded = []
        helper.stop()
    }

    private func decodeBatch(visit: (JournalRecord) -> Void) {
        // Handed over in a box the worker empties, so the previous batch is freed in parallel too.
        let ready = RecordBox(decoded)
        decoded = []
        let lineCount = lines.count
        let parts = Swift.min(Self.partsPerBatch, Swift.max(1, lineCount))
        var results = [[JournalRecord]](repeating: [], count: parts)
        let nextPart = Atomic<Int>(0)
        let source = self.source
        let lines = self.lines
        bytes.withUnsafeBytes { raw in
            results.withUnsafeMutableBufferPointer { slots in
                withoutActuallyEscaping(visit) { visit in
                    let shared = SharedBatch(raw: raw, lines: lines, slots: slots, visit: visit)
                    let decodeParts: @Sendable () -> Void = {
                        while true {
                            let part = nextPart.wrappingAdd(1, ordering: .relaxed).oldValue
                            guard part < parts else { return }
                            let range = (lineCount * part / parts)..<(lineCount * (part + 1) / parts)
                            shared.slots[part] = range.map { Self.decode(shared.lines[$0], in: shared.raw, source: source) }
                        }
                    }
                    // The caller folds the previous batch (and frees it), then joins the decoding.
                    helper.run(decodeParts) {
                        Self.deliver(ready.batches, shared.visit)
                        ready.batches = []
                        decodeParts()
                    }
                }
            }
        }
        decoded = results
        bytes.removeAll(keepingCapacity: true)
        self.lines.removeAll(keepingCapacity: true)
    }

    private final class RecordBox: @unchecked Sendable {
        /// Touched only by worker 0 during `concurrentPerform`.
        var batches: [[JournalRecord]]
        init(_ batches: [[JournalRecord]]) { self.batches = batches }
    }

    /// What both workers reach during one `concurrentPerform`. Safe to share: the bytes and lines
    /// are only read, each worker writes its own slots, `visit` is called by worker 0 alone, and
    /// none of it outlives the call, which blocks the owner until both workers are done.
    private struct SharedBatch: @unchecked Sendable {
        let raw: UnsafeRawBufferPointer
        let lines: [PendingLine]
        let slots: UnsafeMutableBufferPointer<[JournalRecord]>
        let visit: (JournalRecord) -> Void
    }

    private func deliver(_ batches: [[JournalRecord]], _ visit: (JournalRecord) -> Void) {
        Self.deliver(batches, visit)
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
