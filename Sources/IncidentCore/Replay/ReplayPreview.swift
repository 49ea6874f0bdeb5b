/// Replay's first frame for a long journal: the incident at the starting moment as a long
/// journal's first read sees it (`LongJournalStart`): everything people and alerts wrote up to
/// the moment, and the samples of the stretch just before it. The whole recording is indexed
/// meanwhile (`ReplayIndexing`) and takes its place; until then nothing moves.
public struct ReplayPreview {
    public let path: String
    /// The moment shown: the one asked for, or the first event's.
    public let moment: Timestamp
    /// No moment was asked for: replay starts at the recording's start, which in a journal out of
    /// time order may be earlier than its first line's.
    public let startsAtFirstEvent: Bool
    /// The incident at `moment`, with its timeline, as far as the first read saw it.
    public let state: IncidentState
    /// The journal's size when it was read, which the whole index is expected to cover.
    public let fileSize: Int64

    /// The preview of `path` at `moment` (nil: its first event); nil when the journal is short
    /// enough to index at once (`LongJournalStart.threshold`), or too long or too full of entries
    /// for a first read, or cannot be read: replay then indexes it first, as it always did.
    public static func read(path: String, from moment: Timestamp?, options: FoldOptions) -> ReplayPreview? {
        read(path: path, from: moment, options: options, threshold: LongJournalStart.threshold, tailBytes: LongJournalStart.tailBytes)
    }

    static func read(path: String, from moment: Timestamp?, options: FoldOptions, threshold: Int64,
                     tailBytes: Int64) -> ReplayPreview? {
        guard let fd = try? JournalFile.openForReading(path) else { return nil }
        defer { try? fd.close() }
        guard let size = POSIX.fileSize(fd), size >= threshold, size <= LongJournalStart.ceiling,
              let start = moment ?? JournalTimeSearch.firstTime(fd, path: path),
              let end = JournalTimeSearch.offset(after: start, in: fd, path: path, size: size)
        else { return nil }
        var state = IncidentState(options: ReplayRecording.foldOptions(options))
        // Before byte 2, no line can hold an event.
        if end > 1 {
            guard let scan = LongJournalStart.scan(fd, path: path, end: end, tailBytes: tailBytes) else { return nil }
            for update in scan.updates {
                switch update {
                case .record(.event(let event, let line)) where event.ts <= start:
                    state.apply(event, line: line)
                case .partial(let history) where history.samplesFromLine > 1:
                    state.startSamplesMidway()
                default:
                    break
                }
            }
        }
        return ReplayPreview(path: path, moment: start, startsAtFirstEvent: moment == nil, state: state, fileSize: size)
    }
}
