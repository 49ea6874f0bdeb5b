import IncidentCore
import NIOCore

/// One row of `sitrep.events` read back as a file reader would read its line: the same decoding,
/// the same bad-line reasons, and the row's `seq` as the line number.
enum StoredLine {
    static func record(seq: Int64, line: ByteBuffer, source: String) -> FollowUpdate {
        let number = Int(seq)
        let length = line.readableBytes
        guard length <= LineSplitter.maximumLineLength else {
            let reason = "line is \(length) bytes, over the reader's \(LineSplitter.maximumLineLength)-byte limit"
            return .record(.bad(BadLine(source: source, line: number, reason: reason)))
        }
        let decoded = line.withUnsafeReadableBytes { EventDecoder.decode($0) }
        switch decoded {
        case .success(let event):
            return .record(.event(event, line: number))
        case .failure(let bad):
            return .record(.bad(BadLine(source: source, line: number, reason: bad.reason)))
        }
    }
}
