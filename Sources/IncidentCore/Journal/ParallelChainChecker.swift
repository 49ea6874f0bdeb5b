import Synchronization

/// One line as `verify` follows the chain: checked, or too long to hold.
enum CheckedLine: Sendable {
    case line(number: Int, length: Int, ChainLine)
    case tooLong(number: Int, length: Int)
}

/// Checks journal lines on both cores (hash, parse, `prev`, `id`: each line on its own) while
/// the calling thread follows the chain, which only it can do, since each link needs the line
/// before.
///
/// Lines are gathered into batches of a few megabytes. While batch k is checked in parts by the
/// calling thread and a helper thread, the calling thread first hands batch k-1's lines to
/// `follow`, in file order. Shaped like `ParallelLineDecoder`, with a lighter job per line and
/// nothing allocated per line for the other thread to free.
final class ParallelChainChecker {
    private static let batchBytes = 4 << 20
    private static let partsPerBatch = 16

    private var bytes: [UInt8] = []
    private var lines: [PendingLine] = []
    private var checked: [[CheckedLine]] = []
    private let helper = HelperThread()

    private enum PendingLine {
        case text(start: Int, end: Int, number: Int)
        case tooLong(number: Int, length: Int)
    }

    init() {
        bytes.reserveCapacity(Self.batchBytes + LineSplitter.maximumLineLength)
    }

    /// A read that fails partway never reaches `finish`; without this its helper thread would
    /// wait for work forever. (Stopping twice is harmless.)
    deinit { helper.stop() }

    func add(_ piece: LineSplitter.Piece, follow: (CheckedLine) -> Void) {
        switch piece {
        case let .line(number, line):
            let start = bytes.count
            bytes.append(contentsOf: line)
            lines.append(.text(start: start, end: bytes.count, number: number))
        case let .tooLong(number, length):
            lines.append(.tooLong(number: number, length: length))
        }
        if bytes.count >= Self.batchBytes { checkBatch(follow: follow) }
    }

    /// Checks what is left and hands every remaining line over.
    func finish(follow: (CheckedLine) -> Void) {
        checkBatch(follow: follow)
        for part in checked { part.forEach(follow) }
        checked = []
        helper.stop()
    }

    private func checkBatch(follow: (CheckedLine) -> Void) {
        let ready = checked
        let lineCount = lines.count
        let parts = Swift.min(Self.partsPerBatch, Swift.max(1, lineCount))
        var results = [[CheckedLine]](repeating: [], count: parts)
        let nextPart = Atomic<Int>(0)
        let lines = self.lines
        bytes.withUnsafeBytes { raw in
            results.withUnsafeMutableBufferPointer { slots in
                let shared = SharedBatch(raw: raw, lines: lines, slots: slots)
                let checkParts: @Sendable () -> Void = {
                    while true {
                        let part = nextPart.wrappingAdd(1, ordering: .relaxed).oldValue
                        guard part < parts else { return }
                        let range = (lineCount * part / parts)..<(lineCount * (part + 1) / parts)
                        shared.slots[part] = range.map { Self.check(shared.lines[$0], in: shared.raw) }
                    }
                }
                helper.run(checkParts, alongside: {
                    for part in ready { part.forEach(follow) }
                    checkParts()
                })
            }
        }
        checked = results
        bytes.removeAll(keepingCapacity: true)
        self.lines.removeAll(keepingCapacity: true)
    }

    /// What both threads reach during one `HelperThread.run`. Safe to share: the bytes and lines
    /// are only read, each thread writes only the parts it claimed through the atomic counter,
    /// and none of it outlives `run`, which returns when both are done. Unchecked because the
    /// compiler cannot see any of that through raw pointers.
    private struct SharedBatch: @unchecked Sendable {
        let raw: UnsafeRawBufferPointer
        let lines: [PendingLine]
        let slots: UnsafeMutableBufferPointer<[CheckedLine]>
    }

    private static func check(_ line: PendingLine, in raw: UnsafeRawBufferPointer) -> CheckedLine {
        switch line {
        case let .text(start, end, number):
            .line(number: number, length: end - start, ChainLine(UnsafeRawBufferPointer(rebasing: raw[start..<end])))
        case let .tooLong(number, length):
            .tooLong(number: number, length: length)
        }
    }
}
