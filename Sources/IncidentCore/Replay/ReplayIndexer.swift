import SystemPackage
/// The first pass of replay: where each event sits in the file and when it happened.
enum ReplayIndexer {
    struct Index {
        var events: [ReplayRecording.EventPlace] = []
        var badLines: [BadLine] = []
    }

    static func index(path: String) throws(JournalError) -> Index {
        let fd = try JournalFile.openForReading(path)
        defer { try? fd.close() }
        var index = Index()
        var splitter = LineSplitter()
        var lineStart: Int64 = 0
        try FileChunks.read(fd, path: path) { chunk in
            splitter.feed(chunk) { piece in
                index.add(piece, at: lineStart, source: path)
                switch piece {
                case .line(_, let bytes): lineStart += Int64(bytes.count) + 1
                case .tooLong(_, let length): lineStart += Int64(length) + 1
                }
            }
        }
        // Stable: equal times keep file order, as the live fold saw them.
        index.events = index.events.enumerated()
            .sorted { ($0.element.ts, $0.offset) < ($1.element.ts, $1.offset) }
            .map(\.element)
        return index
    }
}

extension ReplayIndexer.Index {
    mutating func add(_ piece: LineSplitter.Piece, at offset: Int64, source: String) {
        switch piece.record(source: source) {
        case let .event(event, line):
            guard case .line(_, let bytes) = piece else { return }
            events.append(ReplayRecording.EventPlace(
                ts: event.ts, offset: offset, length: Int32(bytes.count), line: Int32(line),
                isHuman: event.kind.isHumanResponse))
        case .bad(let bad):
            badLines.append(bad)
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
