import SystemPackage
/// The first pass of replay: where each event sits in the file and when it happened, decoded on
/// both cores (`ParallelLines`). While the events come in time order, as a journal's
/// usually do, it folds them too, so the recording needs no second pass over the file.
enum ReplayIndexer {
    struct Index {
        var events: [ReplayRecording.EventPlace] = []
        var badLines: [BadLine] = []
        /// The fold of every event, when they were in time order; nil when one was not.
        var fold: InOrderFold?
        /// `continuing` said to stop: the index is partial, and not sorted.
        var stopped = false
    }

    /// `continuing` is asked after each chunk of the file, with the bytes read so far: false
    /// stops the read there, leaving the index partial.
    static func index(path: String, options: FoldOptions,
                      continuing: (Int64) -> Bool = { _ in true }) throws(JournalError) -> Index {
        let fd = try JournalFile.openForReading(path)
        defer { try? fd.close() }
        var index = Index()
        var fold = InOrderFold(options: options)
        // Where each line starts and how long it is: the records arrive later, decoded, and only
        // know their number. Kept only until their record arrives.
        var lines = LinePlaces()
        var lineStart: Int64 = 0
        var splitter = LineSplitter()
        let decoder = ParallelLines.decoding(source: path)
        let visit: (JournalRecord) -> Void = { record in
            switch record {
            case let .event(event, line):
                let (offset, length) = lines.take(line)
                let place = ReplayRecording.EventPlace(ts: event.ts, offset: offset, length: length, line: Int32(line),
                                                       isHuman: event.kind.isHumanResponse)
                index.events.append(place)
                fold.add(event, line: line)
            case .bad(let bad):
                index.badLines.append(bad)
            }
        }
        try FileChunks.read(fd, path: path, upTo: nil) { chunk in
            splitter.feed(chunk) { piece in
                lines.add(offset: lineStart, length: Int32(clamping: piece.length))
                lineStart += Int64(piece.length) + 1
                decoder.add(piece, take: visit)
            }
            index.stopped = !continuing(lineStart)
            return !index.stopped
        }
        if index.stopped { return index }
        decoder.finish(take: visit)
        if fold.inOrder {
            index.fold = fold
        } else {
            // Stable: equal times keep file order, as the live fold saw them.
            index.events = index.events.enumerated()
                .sorted { ($0.element.ts, $0.offset) < ($1.element.ts, $1.offset) }
                .map(\.element)
        }
        return index
    }
}

/// Where the lines read but not yet decoded start, by number: records arrive in line order, so
/// those already taken are dropped now and then, and only the lines in flight are held (a
/// million-line journal's whole table took 16 MB more at the index's peak).
private struct LinePlaces {
    private var places: [(offset: Int64, length: Int32)] = []
    /// The line number of `places[0]`.
    private var first = 1

    mutating func add(offset: Int64, length: Int32) { places.append((offset, length)) }

    /// Line `number`'s place; lines before it are not asked for again.
    mutating func take(_ number: Int) -> (offset: Int64, length: Int32) {
        let index = number - first
        if index >= 1 << 14 {
            places.removeFirst(index)
            first = number
            return places[0]
        }
        return places[index]
    }
}

/// The fold replay keeps, made in one pass while the events arrive in time order: the final
/// timeline and a checkpoint every `ReplayRecording.checkpointSpacing` events. The first event
/// earlier than the one before it ends it (and frees what it held): the recording then folds
/// the events again, sorted.
struct InOrderFold {
    private(set) var state: IncidentState
    private(set) var checkpoints: [IncidentState] = []
    private(set) var inOrder = true
    private var lastTime: Timestamp?
    private var count = 0

    init(options: FoldOptions) { state = IncidentState(options: options) }

    mutating func add(_ event: Event, line: Int) {
        guard inOrder else { return }
        if let lastTime, event.ts < lastTime {
            inOrder = false
            state = IncidentState(options: state.options)
            checkpoints = []
            return
        }
        lastTime = event.ts
        if count % ReplayRecording.checkpointSpacing == 0 { checkpoints.append(state.checkpoint()) }
        state.apply(event, line: line)
        count += 1
    }
}
