import CSignals

/// The whole recording indexed on threads of their own, at a lower priority, while replay shows
/// a `ReplayPreview`.
public final class ReplayIndexing {
    private let read: BackgroundRead<Result<ReplayRecording, JournalError>>

    /// Starts indexing `preview`'s journal at once.
    public init(_ preview: ReplayPreview, options: FoldOptions) {
        let path = preview.path
        read = BackgroundRead(totalBytes: preview.fileSize) { progress in
            // The decoded lines are freed as fast as they are indexed, but malloc keeps their pages
            // while the preview's stay in use beside them: handed back every 16 MB read, they do
            // not add up to the peak (113 MB instead of 118 for a 120 MB journal).
            var trimmedAt: Int64 = 0
            return Result { () throws(JournalError) in
                try ReplayRecording(path: path, options: options, continuing: { bytes in
                    if bytes - trimmedAt >= 16 << 20 {
                        trimmedAt = bytes
                        _ = sitrep_release_free_memory()
                    }
                    return progress.reached(bytes)
                })
            }
        }
    }

    /// How much of the journal has been indexed, from 0 to 1.
    public var fractionDone: Double { read.fractionDone }

    /// The recording, once it is indexed; nil while that runs. Taken once.
    public func take() -> Result<ReplayRecording, JournalError>? { read.take() }
}
