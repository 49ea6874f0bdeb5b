import CSignals
import IncidentCore

/// A long journal's replay opens on a preview (`ReplayPreview`) while the whole recording is
/// indexed behind it, at a lower priority; the clock and the keys that move it wait for it.
extension ReplaySession {
    /// How often the loop looks at the indexing while it runs: the banner's percentage moves.
    static let indexingCheckInterval = 0.1

    /// True until the whole recording is on show.
    public var isPreviewing: Bool { recording == nil }

    /// Starts indexing the recording behind the preview, after the first frame (which it would
    /// otherwise slow down by taking both cores). Nothing to do when it is indexed already.
    public func startIndexing() {
        guard let preview, indexing == nil else { return }
        // The preview's first read is freed by now, but malloc keeps its pages, and the index is
        // built on threads of their own: handed back, they do not add to its peak.
        _ = sitrep_release_free_memory()
        indexing = ReplayIndexing(preview, options: foldOptions)
    }

    /// Takes the recording once it is indexed, and shows the clock's moment from it; true when a
    /// redraw is due (the banner's percentage moves while indexing runs).
    public func takeRecording() -> Bool {
        guard let indexing else { return false }
        guard let outcome = indexing.take() else { return true }
        self.indexing = nil
        switch outcome {
        case .success(let recording):
            if preview?.startsAtFirstEvent == true, let start = recording.start { clock.jump(to: start) }
            adopt(recording)
            _ = sitrep_release_free_memory()  // the preview's state, freed on this thread
            if recording.eventCount == 0 { panes.show("the journal has no events to replay", error: true) }
            if let pendingSeek {
                self.pendingSeek = nil
                if let problem = seek(typed: pendingSeek) { panes.show(problem, error: true) }
            }
        case .failure(let error):
            indexFailure = "\(error)"
            clock.isPlaying = false  // it cannot move: the banner says so rather than ▶
            pendingSeek = nil
            panes.show("cannot index the recording: \(error)", error: true)
        }
        return true
    }

    /// A time typed while the recording is read: kept, and jumped to once it is in.
    func waitForRecording(toSeek text: String) -> String? {
        guard indexFailure == nil else { return stillReading }
        pendingSeek = text
        panes.show("the recording is still being read: jumping to \(text) once it is in", error: false)
        return nil
    }

    /// The banner's note while the preview is on show.
    var previewNote: String {
        if let indexing { return "indexing the recording \(Int(indexing.fractionDone * 100))%" }
        return indexFailure == nil ? "indexing the recording" : "the first read only: the whole recording could not be read"
    }

    /// Why a key that moves the clock does nothing yet.
    var stillReading: String {
        indexFailure == nil
            ? "the recording is still being read: try again in a moment"
            : "the whole recording could not be read: the clock cannot move"
    }
}
