import SystemPackage

/// The reading half of following a file: the open descriptor, how far it has been read, and a
/// last line not finished yet. Used by one thread at a time: the follower's caller, or the
/// follower's read-ahead between its start and its join (the hand-over orders the accesses;
/// the compiler cannot see that, hence unchecked).
final class FollowedFile: @unchecked Sendable {
    let path: String
    var file: FileDescriptor?
    var offset: Int64 = 0
    var splitter = LineSplitter()
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)

    init(path: String) { self.path = path }

    /// Starts over on `file` (nil: nothing open) from its first line.
    func adopt(_ file: FileDescriptor?) {
        self.file = file
        rewind()
    }

    func rewind() {
        offset = 0
        splitter = LineSplitter()
    }

    /// Reads whole lines after `offset`, about `limit` bytes at most, decoded into records.
    /// `behind` is true when it stopped at the limit with more in the file.
    func readLines(limit: Int) -> (updates: [FollowUpdate], behind: Bool) {
        var updates: [FollowUpdate] = []
        var read = 0
        while read < limit {
            guard let file, let got = POSIX.read(file, into: &buffer, at: offset), got > 0 else {
                return (updates, false)
            }
            offset += Int64(got)
            read += got
            let source = path
            buffer.withUnsafeBytes { raw in
                splitter.feed(UnsafeRawBufferPointer(rebasing: raw[0..<got])) { piece in
                    updates.append(.record(piece.record(source: source)))
                }
            }
        }
        return (updates, true)
    }
}

/// The next chunk of a journal read and decoded on a thread of its own while the caller folds the
/// one before: a large journal's first load then decodes on one core and folds on the other.
final class FollowReadAhead {
    private let helper = HelperThread()
    private let chunk = Chunk()
    private(set) var isRunning = false

    /// Handed from the helper thread back to the caller through `HelperThread`'s lock. The
    /// caller frees each chunk's records when it has folded them: decoding is the busier half
    /// (measured: the helper thread took 49% of the first load's samples, the caller 42% with the
    /// freeing), so the freeing stays on the caller's side.
    private final class Chunk: @unchecked Sendable {
        var updates: [FollowUpdate] = []
        var behind = false
    }

    deinit {
        if isRunning { helper.join() }
        helper.stop()
    }

    /// Starts reading `file`'s next chunk; the caller must not touch `file` until `finish`.
    func start(_ file: FollowedFile, limit: Int) {
        let chunk = self.chunk
        isRunning = true
        helper.start {
            (chunk.updates, chunk.behind) = file.readLines(limit: limit)
        }
    }

    /// Waits for the chunk `start` began, and hands it over.
    func finish() -> (updates: [FollowUpdate], behind: Bool) {
        helper.join()
        isRunning = false
        defer { chunk.updates = [] }
        return (chunk.updates, chunk.behind)
    }
}
