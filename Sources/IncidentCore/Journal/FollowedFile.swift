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

    /// Handed from the helper thread back to the caller through `HelperThread`'s lock.
    private final class Chunk: @unchecked Sendable {
        var updates: [FollowUpdate] = []
        var behind = false
        /// A chunk the caller has folded, for the helper thread to free: folding is the busier
        /// half of a first load (the caller took 51% of its samples, a fifth of them freeing
        /// records, the decoding helper 29%).
        var garbage: [FollowUpdate] = []
    }

    /// The chunk handed out last, which the caller may still be folding, and the one before it,
    /// which it has finished with: it asked for the next.
    private var handedOut: [FollowUpdate] = []
    private var handedOutBefore: [FollowUpdate] = []

    deinit {
        if isRunning { helper.join() }
        helper.stop()
    }

    /// Starts reading `file`'s next chunk; the caller must not touch `file` until `finish`.
    func start(_ file: FollowedFile, limit: Int) {
        let chunk = self.chunk
        chunk.garbage = handedOutBefore
        handedOutBefore = []
        isRunning = true
        helper.start {
            chunk.garbage = []
            (chunk.updates, chunk.behind) = file.readLines(limit: limit)
        }
    }

    /// Waits for the chunk `start` began, and hands it over.
    func finish() -> (updates: [FollowUpdate], behind: Bool) {
        helper.join()
        isRunning = false
        defer { chunk.updates = [] }
        // Kept while more chunks follow, whose jobs free them; the caller frees the last two.
        handedOutBefore = chunk.behind ? handedOut : []
        handedOut = chunk.behind ? chunk.updates : []
        return (chunk.updates, chunk.behind)
    }
}
