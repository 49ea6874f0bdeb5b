import SystemPackage

/// Finds where a moment falls in a journal written in time order, as journals usually are, by
/// halving the file: a dozen short reads for a million lines, where reading them all takes a
/// second. In a journal out of order the place found is only near the moment; whoever uses it
/// (`ReplayPreview`) stands in for a whole read that comes after.
enum JournalTimeSearch {
    /// Below this many bytes between the bounds, the lines are read one after another.
    private static let span: Int64 = 64 << 10

    /// The time of the first event in the file (lines that are not events are passed over).
    static func firstTime(_ fd: FileDescriptor, path: String) -> Timestamp? {
        var first: Timestamp?
        lines(fd, path: path, from: 0) { _, _, time in
            first = time
            return time == nil
        }
        return first
    }

    /// The start of the first line whose event is later than `moment`, or the end of the last
    /// whole line if none is; nil if the file cannot be read.
    static func offset(after moment: Timestamp, in fd: FileDescriptor, path: String, size: Int64) -> Int64? {
        // Every event on a line before `low` happened by `moment`; none after `high` did.
        var low: Int64 = 0
        var high = size
        while high - low > span {
            let middle = low + (high - low) / 2
            guard let probe = firstEvent(fd, path: path, from: middle, before: high) else {
                high = middle
                continue
            }
            if probe.time <= moment { low = probe.end } else { high = probe.start }
        }
        var found: Int64?
        var endOfLines = low
        let read = lines(fd, path: path, from: low) { start, end, time in
            endOfLines = end
            if let time, time > moment { found = start }
            return found == nil
        }
        return read ? found ?? endOfLines : nil
    }

    /// The first line at or after `offset` and before `limit` that holds an event.
    private static func firstEvent(_ fd: FileDescriptor, path: String, from offset: Int64,
                                   before limit: Int64) -> (start: Int64, end: Int64, time: Timestamp)? {
        guard let lineStart = FileChunks.lineStart(after: offset, in: fd) else { return nil }
        var found: (start: Int64, end: Int64, time: Timestamp)?
        lines(fd, path: path, from: lineStart) { start, end, time in
            guard start < limit else { return false }
            if let time { found = (start, end, time) }
            return found == nil
        }
        return found
    }

    /// Hands `body` each whole line from `start` (a line's start): where it starts, where the
    /// next begins, and its event's time (nil for a line that is not an event), until `body`
    /// returns false or the file ends. False if the file could not be read.
    @discardableResult
    private static func lines(_ fd: FileDescriptor, path: String, from start: Int64,
                              _ body: (_ start: Int64, _ end: Int64, _ time: Timestamp?) -> Bool) -> Bool {
        var splitter = LineSplitter()
        var lineStart = start
        var going = true
        do {
            try FileChunks.read(fd, path: path, from: start, upTo: nil, chunkSize: Int(span)) { chunk in
                splitter.feed(chunk) { piece in
                    guard going else { return }
                    let end = lineStart + Int64(piece.length) + 1
                    var time: Timestamp?
                    if case .line(_, let bytes) = piece, case .success(let event) = EventDecoder.decode(bytes) { time = event.ts }
                    going = body(lineStart, end, time)
                    lineStart = end
                }
                return going
            }
        } catch {
            return false
        }
        return true
    }
}
