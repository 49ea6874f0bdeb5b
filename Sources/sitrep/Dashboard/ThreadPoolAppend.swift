import IncidentCore
import NIOPosix

/// Appends for a scenario player (the demo, a drill) on NIO's shared thread pool: an append blocks
/// on the file's lock and on fsync, which must not hold one of the cooperative pool's threads.
enum ThreadPoolAppend {
    static func to(_ store: FileJournal) -> ScenarioPlayer.Append {
        { event async throws(JournalError) in
            let outcome: Result<Void, JournalError>
            do {
                outcome = try await NIOThreadPool.singleton.runIfActive {
                    Result { () throws(JournalError) in _ = try store.append(event) }
                }
            } catch {
                // The pool turned the work away (shut down, or the task was cancelled first): it never ran.
                throw .writeFailed(path: store.path, reason: "not run: \(error); nothing was written")
            }
            try outcome.get()
        }
    }
}
