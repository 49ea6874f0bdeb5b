import Synchronization
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// A long journal's first read, made quick: every line except the health and pool samples before
/// its last stretch (`tailBytes`), and every line of that stretch. Nine lines in ten of a long
/// incident are samples, and the state they fold into is what a million of them cost; the last
/// stretch says how each service and pool stands now. A `.partial` update, just before the
/// stretch's first record, says what was left out; `HistoryFold` folds the whole journal meanwhile.
///
/// The file is cut in two at a line's start and each part read on one core, in place: most lines
/// are only looked at (`looksLikeSample`), so copying them out, as `ParallelLines` does, would
/// cost more than the looking. Bad lines before the stretch are not reported here: the whole
/// read reports them.
enum LongJournalStart {
    /// Journals shorter than this are read whole at once: about 130,000 lines, read in a blink.
    static let threshold: Int64 = 16 << 20
    /// The last stretch read whole: about 15,000 lines, hours of a collector's samples, far more
    /// than a pool's history shows.
    static let tailBytes: Int64 = 2 << 20
    /// Past this size, or this many records to hand over (a journal of notes, say), the first read
    /// would keep keys waiting for half a second or more: the usual read, a chunk at a time with
    /// keys answered in between, does better. About twice the issue's million-event journal.
    static let ceiling: Int64 = 256 << 20
    static let recordLimit = 400_000

    /// The first read of `file` from its start, which it leaves after the last whole line; nil
    /// (and `file` untouched) when the journal is shorter than `threshold` or longer than
    /// `ceiling`, holds more than `recordLimit` records to hand over, or has a line longer than
    /// `LineSplitter.maximumLineLength`, which the usual read reports.
    static func read(_ file: FollowedFile, threshold: Int64 = threshold, tailBytes: Int64 = tailBytes,
                     recordLimit: Int = recordLimit) -> [FollowUpdate]? {
        guard let descriptor = file.file, let size = POSIX.fileSize(descriptor), size >= threshold,
              let scan = scan(descriptor, path: file.path, end: size, tailBytes: tailBytes, recordLimit: recordLimit)
        else { return nil }
        file.offset = scan.endOffset
        file.splitter = LineSplitter(after: scan.lineCount)
        return scan.updates
    }

    /// What `scan` read: its records with the `.partial` among them, and where it stopped.
    struct Scan {
        var updates: [FollowUpdate]
        /// The byte after the last whole line, and how many lines came before it.
        var endOffset: Int64
        var lineCount: Int
    }

    /// The lines before byte `end` (a line's start, or the file's size), read as the first read
    /// reads them, with the stretch being the `tailBytes` before `end`; nil as for `read`.
    static func scan(_ descriptor: FileDescriptor, path source: String, end: Int64, tailBytes: Int64 = tailBytes,
                     recordLimit: Int = recordLimit) -> Scan? {
        // The second range holds the tail, whose every line is decoded: it starts later.
        guard end > 0, end <= ceiling,
              let middle = FileChunks.lineStart(after: min(end - 1, (end + 3 * tailBytes) / 2), in: descriptor)
        else { return nil }
        let tailStart = end - tailBytes
        let second = ResultBox()
        let giveUp = GiveUp(recordLimit: recordLimit)
        var first = FileRange.Result()  // read here, the rest on the helper thread
        let helper = HelperThread()
        helper.run({
            second.result = FileRange(descriptor: descriptor, start: middle, end: end, giveUp: giveUp)
                .read(source: source, tailStart: tailStart)
        }, alongside: {
            first = FileRange(descriptor: descriptor, start: 0, end: middle, giveUp: giveUp).read(source: source, tailStart: tailStart)
        })
        helper.stop()
        guard var rest = second.result, !first.failed, !rest.failed, first.wholeLinesLength == middle,
              first.updates.count + rest.updates.count <= recordLimit
        else { return nil }
        rest.renumber(after: first.lineCount)
        let lineCount = first.lineCount + rest.lineCount
        let endOffset = middle + rest.wholeLinesLength
        let tailStartLine = first.firstTailLine ?? rest.firstTailLine.map { first.lineCount + $0 }
        let partial = FollowUpdate.partial(PartialHistory(
            path: source, samplesFromLine: tailStartLine ?? lineCount + 1, endOffset: endOffset, endLine: lineCount))
        let tailIndex = first.tailIndex ?? first.updates.count + (rest.tailIndex ?? rest.updates.count)
        return Scan(updates: FollowUpdate.joining(&first.updates, &rest.updates, inserting: partial, at: tailIndex),
                    endOffset: endOffset, lineCount: lineCount)
    }

    /// Unchecked: written by the helper thread inside `HelperThread.run`, read after it returns.
    private final class ResultBox: @unchecked Sendable {
        var result: FileRange.Result?
    }

    /// Set by either range once the two hold more than `recordLimit` records: both stop.
    private final class GiveUp: Sendable {
        let recordLimit: Int
        let records = Atomic<Int>(0)
        let now = Atomic<Bool>(false)
        init(recordLimit: Int) { self.recordLimit = recordLimit }
    }

    /// The lines starting in `start..<end` of a file, read on one thread with a buffer of its own.
    private struct FileRange: Sendable {
        let descriptor: FileDescriptor
        let start: Int64
        let end: Int64
        let giveUp: GiveUp

        struct Result {
            /// Records with their line numbers counted from 1 in this range.
            var updates: [FollowUpdate] = []
            var lineCount = 0
            /// The bytes of the whole lines read, newlines included.
            var wholeLinesLength: Int64 = 0
            /// The first line at or after the tail's start, if this range holds it, and its record's index.
            var firstTailLine: Int?
            var tailIndex: Int?
            /// A line too long to read whole, too many records, or the file could not be read.
            var failed = false

            /// Numbers the lines on from the `linesBefore` lines of the ranges before.
            mutating func renumber(after linesBefore: Int) {
                for index in updates.indices {
                    if case .record(let record) = updates[index] { updates[index] = .record(record.numbered(record.line + linesBefore)) }
                }
            }
        }

        /// Reads the range a chunk at a time (`FileChunks`), cut into lines by a `LineSplitter` of
        /// its own: `end` is a line's start or the file's size, so a line cut there is unfinished.
        func read(source: String, tailStart: Int64) -> Result {
            var result = Result()
            var splitter = LineSplitter()
            do {
                try FileChunks.read(descriptor, path: source, from: start, upTo: end) { chunk in
                    let recordsBefore = result.updates.count
                    splitter.feed(chunk) { take($0, into: &result, source: source, tailStart: tailStart) }
                    let all = giveUp.records.wrappingAdd(result.updates.count - recordsBefore, ordering: .relaxed).newValue
                    if all > giveUp.recordLimit { giveUp.now.store(true, ordering: .relaxed) }
                    return !result.failed && !giveUp.now.load(ordering: .relaxed)
                }
            } catch {
                result.failed = true
            }
            if giveUp.now.load(ordering: .relaxed) { result.failed = true }
            return result
        }

        /// One line: its record, where it goes, and the bytes it took.
        private func take(_ piece: LineSplitter.Piece, into result: inout Result, source: String, tailStart: Int64) {
            guard case .line(let number, let line) = piece else {
                result.failed = true  // over the reader's limit: the usual read reports it
                return
            }
            result.lineCount = number
            let inTail = start + result.wholeLinesLength >= tailStart
            if inTail, result.firstTailLine == nil { (result.firstTailLine, result.tailIndex) = (number, result.updates.count) }
            if let record = Self.record(line, number: number, inTail: inTail, source: source) {
                result.updates.append(.record(record))
            }
            result.wholeLinesLength += Int64(line.count + 1)
        }

        /// Every line of the tail; before it, the events that are not samples (bad lines are left
        /// to the whole read). A sample written in another shape is caught once decoded.
        private static func record(_ line: UnsafeRawBufferPointer, number: Int, inTail: Bool, source: String) -> JournalRecord? {
            let piece = LineSplitter.Piece.line(number: number, bytes: line)
            if inTail { return piece.record(source: source) }
            guard !LongJournalStart.looksLikeSample(line), case .event(let event, _) = piece.record(source: source),
                  !event.kind.isSample else { return nil }
            return .event(event, line: number)
        }
    }

    /// True for a line holding `"kind":"health"` or `"kind":"pool"` as written by sitrep and `jq -c`.
    /// Inside a string those quotes would be escaped, so a note that mentions them is not taken
    /// for a sample; a line that hides one in a nested object is left out until the whole read.
    static func looksLikeSample(_ line: UnsafeRawBufferPointer) -> Bool {
        guard let base = line.baseAddress else { return false }
        var index = 0
        // Each quote in turn, until one starts the eight bytes `"kind":"`.
        while index + 8 <= line.count, let quote = memchr(base + index, 0x22, line.count - index - 7) {
            let at = base.distance(to: UnsafeRawPointer(quote))
            if base.loadUnaligned(fromByteOffset: at, as: UInt64.self) == kindKey {
                let rest = line.count - at - 8
                return (rest >= 5 && memcmp(base + at + 8, "pool\"", 5) == 0)
                    || (rest >= 7 && memcmp(base + at + 8, "health\"", 7) == 0)
            }
            index = at + 1
        }
        return false
    }

    private static let kindKey = Array(#""kind":""#.utf8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
}

extension FollowUpdate {
    /// `first` then `second`, with `update` at `index`, moved rather than copied: a copy would
    /// retain each event once more, and the events were made on other threads, so each retain
    /// waits for memory another core holds. `first` and `second` are left holding placeholders.
    static func joining(_ first: inout [FollowUpdate], _ second: inout [FollowUpdate], inserting update: FollowUpdate,
                        at index: Int) -> [FollowUpdate] {
        [FollowUpdate](unsafeUninitializedCapacity: first.count + second.count + 1) { buffer, count in
            func place(_ element: consuming FollowUpdate) {
                (buffer.baseAddress! + count).initialize(to: element)
                count += 1
            }
            func moveAll(_ source: inout [FollowUpdate]) {
                source.withUnsafeMutableBufferPointer { source in
                    for position in source.indices {
                        if count == index { place(update) }
                        place((source.baseAddress! + position).move())
                        (source.baseAddress! + position).initialize(to: .reachable)
                    }
                }
            }
            moveAll(&first)
            moveAll(&second)
            if count == index { place(update) }
        }
    }
}

extension JournalRecord {
    var line: Int {
        switch self {
        case .event(_, let line): line
        case .bad(let bad): bad.line
        }
    }

    /// The same record on line `number`.
    func numbered(_ number: Int) -> JournalRecord {
        switch self {
        case .event(let event, _): .event(event, line: number)
        case .bad(let bad): .bad(BadLine(source: bad.source, line: number, reason: bad.reason))
        }
    }
}
