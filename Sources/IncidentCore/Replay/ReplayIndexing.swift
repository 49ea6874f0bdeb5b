/// The whole recording indexed on threads of their own, at a lower priority, while replay shows
/// a `ReplayPreview`.
public final class ReplayIndexing {
    private let read: BackgroundRead<Result<ReplayRecording, JournalError>>

    /// Starts indexing `preview`'s journal at once.
    public init(_ preview: ReplayPreview, options: FoldOptions) {
        let path = preview.path
        read = BackgroundRead(totalBytes: preview.fileSize) { progress in
            Result { () throws(JournalError) in
                try ReplayRecording(path: path, options: options, continuing: progress.reached)
            }
        }
    }

    /// How much of the journal has been indexed, from 0 to 1.
    public var fractionDone: Double { read.fractionDone }

    /// The recording, once it is indexed; nil while that runs. Taken once.
    public func take() -> Result<ReplayRecording, JournalError>? { read.take() }
}
