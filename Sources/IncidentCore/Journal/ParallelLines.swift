import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Works on journal lines on both cores while the caller takes the results, in order, on one:
/// decoding them into records (`decoding(source:)`: summary, report, replay), or checking each
/// link of the chain (`checkingChain()`: verify).
///
/// Lines are gathered into batches, in two buffers used in turn. Once batch k+1 is gathered, the
/// helper thread starts on it while the caller hands batch k's results to `take` and then gathers
/// batch k+2 in the other buffer; only then does the caller join in with what is left of k+1. So
/// the helper works while the caller reads the file and takes results, where it used to wait for
/// both (a tenth of `summary`). Results always reach `take` in file order. Each thread frees the
/// results it made: freeing another thread's allocations makes the two contend for malloc's
/// locks, which cost a tenth of the run.
final class ParallelLines<Output: Sendable> {
    /// What is done to each line, on either thread; it must not keep the bytes it is given.
    typealias Work = @Sendable (LineSplitter.Piece) -> Output

    private static var partsPerBatch: Int { 16 }

    private let batchBytes: Int
    private let work: Work
    /// The batch being gathered, and the other buffer, which the job in flight (if any) reads.
    private var gathering: LineBatch
    private var other: LineBatch
    private var inFlight: Job?
    /// Parts the helper made of the batch handed over last; it frees them in its next job.
    private var helperGarbage = ResultBox([])
    private let helper = HelperThread()

    init(batchBytes: Int, work: @escaping Work) {
        self.batchBytes = batchBytes
        self.work = work
        gathering = LineBatch(capacity: batchBytes + LineSplitter.maximumLineLength)
        other = LineBatch(capacity: batchBytes + LineSplitter.maximumLineLength)
    }

    /// A read that fails partway never reaches `finish`; without this its helper thread would
    /// wait for work forever, or still read a buffer about to be freed. (Stopping twice is harmless.)
    deinit {
        if inFlight != nil { helper.join() }
        helper.stop()
    }

    func add(_ piece: LineSplitter.Piece, take: (Output) -> Void) {
        gathering.add(piece)
        if gathering.byteCount >= batchBytes { handOver(take: take) }
    }

    /// Works on what is left and hands every remaining result over.
    func finish(take: (Output) -> Void) {
        if let finished = finishInFlight() { deliver(finished, take: take) }
        if !gathering.lines.isEmpty {
            start(gathering)
            if let last = finishInFlight() { deliver(last, take: take) }
        }
        helper.stop()
    }

    /// `gathering` is full: the batch in flight is finished (the caller takes its share of what
    /// is left), the helper starts on this one, and the finished batch's results are handed over
    /// while it works.
    private func handOver(take: (Output) -> Void) {
        let finished = finishInFlight()
        start(gathering)
        swap(&gathering, &other)
        gathering.removeAll()
        if let finished { deliver(finished, take: take) }
    }

    /// Starts the helper on `batch`; it first frees the parts it made of the batch handed over last.
    private func start(_ batch: LineBatch) {
        let job = Job(batch: batch, parts: Swift.min(Self.partsPerBatch, Swift.max(1, batch.lines.count)), work: work)
        let garbage = helperGarbage
        helperGarbage = ResultBox([])
        inFlight = job
        helper.start {
            garbage.batches = []
            job.workOnParts(byHelper: true)
        }
    }

    /// The batch in flight, done: the caller works on the parts still unclaimed, then waits for
    /// the helper's last one. Nil when none is in flight.
    private func finishInFlight() -> Job.Results? {
        guard let job = inFlight else { return nil }
        job.workOnParts(byHelper: false)
        helper.join()
        inFlight = nil
        return job.takeResults()
    }

    /// Hands `finished` to `take` in order, frees the parts this thread made, and leaves the
    /// helper's for it to free.
    private func deliver(_ finished: Job.Results, take: (Output) -> Void) {
        var parts = finished.parts
        for part in parts {
            for result in part { take(result) }
        }
        for index in parts.indices where !finished.byHelper[index] { parts[index] = [] }
        helperGarbage = ResultBox(parts)
    }

    /// Unchecked: touched by one thread at a time, the hand-over in `HelperThread.start`/`join`
    /// ordering the accesses; the compiler cannot see that a lock taken elsewhere orders them.
    private final class ResultBox: @unchecked Sendable {
        var batches: [[Output]]
        init(_ batches: [[Output]]) { self.batches = batches }
    }

    /// Lines gathered in a buffer of their own, which stays put while a job reads it.
    /// Unchecked: written only while gathering, and only read while a job is in flight.
    private final class LineBatch: @unchecked Sendable {
        let bytes: UnsafeMutableRawPointer
        private let capacity: Int
        // Unchecked: only `add` and `removeAll` change them, one call at a time (see above); the
        // run-time check of each access cost about as much as copying the line.
        @exclusivity(unchecked) private(set) var byteCount = 0
        @exclusivity(unchecked) private(set) var lines: [PendingLine] = []

        init(capacity: Int) {
            self.capacity = capacity
            bytes = .allocate(byteCount: capacity, alignment: 16)
        }
        deinit { bytes.deallocate() }

        /// A line is at most `LineSplitter.maximumLineLength` bytes, and a batch is handed over
        /// once it holds `batchBytes`: the buffer has room for both.
        func add(_ piece: LineSplitter.Piece) {
            switch piece {
            case let .line(number, line):
                precondition(byteCount + line.count <= capacity, "ParallelLines: a line longer than LineSplitter hands out")
                if let source = line.baseAddress { memcpy(bytes + byteCount, source, line.count) }
                lines.append(.text(start: byteCount, end: byteCount + line.count, number: number))
                byteCount += line.count
            case let .tooLong(number, length):
                lines.append(.tooLong(number: number, length: length))
            }
        }

        func removeAll() {
            byteCount = 0
            lines.removeAll(keepingCapacity: true)
        }

        func piece(_ index: Int) -> LineSplitter.Piece {
            switch lines[index] {
            case let .text(start, end, number):
                .line(number: number, bytes: UnsafeRawBufferPointer(start: bytes + start, count: end - start))
            case let .tooLong(number, length):
                .tooLong(number: number, length: length)
            }
        }
    }

    private enum PendingLine {
        case text(start: Int, end: Int, number: Int)
        case tooLong(number: Int, length: Int)
    }

    /// One batch's work, in parts claimed through an atomic counter by whichever thread comes.
    /// Unchecked: each thread writes only the parts it claimed, and the caller reads them all
    /// only after joining the helper.
    private final class Job: @unchecked Sendable {
        struct Results {
            var parts: [[Output]]
            var byHelper: [Bool]
        }

        private let batch: LineBatch
        private let parts: Int
        private let work: Work
        private let nextPart = Atomic<Int>(0)
        private let slots: UnsafeMutablePointer<[Output]>
        private let madeByHelper: UnsafeMutablePointer<Bool>

        init(batch: LineBatch, parts: Int, work: @escaping Work) {
            (self.batch, self.parts, self.work) = (batch, parts, work)
            slots = .allocate(capacity: parts)
            slots.initialize(repeating: [], count: parts)
            madeByHelper = .allocate(capacity: parts)
            madeByHelper.initialize(repeating: false, count: parts)
        }

        deinit {
            slots.deinitialize(count: parts)
            slots.deallocate()
            madeByHelper.deallocate()
        }

        func workOnParts(byHelper: Bool) {
            let lineCount = batch.lines.count
            while true {
                let part = nextPart.wrappingAdd(1, ordering: .relaxed).oldValue
                guard part < parts else { return }
                let range = (lineCount * part / parts)..<(lineCount * (part + 1) / parts)
                slots[part] = range.map { work(batch.piece($0)) }
                madeByHelper[part] = byHelper
            }
        }

        /// Every part's results, moved out; call once both threads are done.
        func takeResults() -> Results {
            var results = Results(parts: [], byHelper: [])
            results.parts.reserveCapacity(parts)
            for part in 0..<parts {
                results.parts.append(slots[part])
                slots[part] = []
                results.byHelper.append(madeByHelper[part])
            }
            return results
        }
    }
}

extension ParallelLines where Output == JournalRecord {
    /// Lines decoded into records, as `LineSplitter.Piece.record` decodes them, a quarter of a
    /// megabyte a batch: the events of a batch are read on the other core soon after they were
    /// made, and a megabyte's (3 MB of them) no longer sat in the caches by then. Summary,
    /// timeline and report each took 2 to 8% less time than with a megabyte, in three sets of
    /// interleaved runs.
    static func decoding(source: String) -> ParallelLines<JournalRecord> {
        ParallelLines(batchBytes: 256 << 10) { $0.record(source: source) }
    }
}
