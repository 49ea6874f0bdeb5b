import IncidentCore
import NIOCore

/// One row of `sitrep.events` read back as a file reader would read its line: the same decoding,
/// the same bad-line reasons, and the row's `seq` as the line number.
enum StoredLine {
    static func record(seq: Int64, line: ByteBuffer, source: String) -> FollowInbox.Item {
        let number = Int(seq)
        let length = line.readableBytes
        guard length <= LineSplitter.maximumLineLength else {
            let reason = "line is \(length) bytes, over the reader's \(LineSplitter.maximumLineLength)-byte limit"
            return FollowInbox.Item(update: .record(.bad(BadLine(source: source, line: number, reason: reason))), bytes: length)
        }
        let decoded = line.withUnsafeReadableBytes { EventDecoder.decode($0) }
        switch decoded {
        case .success(let event):
            return FollowInbox.Item(update: .record(.event(event, line: number)), bytes: length)
        case .failure(let bad):
            return FollowInbox.Item(update: .record(.bad(BadLine(source: source, line: number, reason: bad.reason))), bytes: length)
        }
    }
}
