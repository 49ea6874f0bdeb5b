import IncidentCore
import SitrepRecording

#if canImport(Glibc)
import Glibc
#endif

/// `sitrep`: records a plain note or cause into a journal file itself, and hands every other
/// command to `sitrep-full` beside it, in the same process (exec).
///
/// Two programs, because the full one carries ArgumentParser, Foundation with ICU, NIO, the
/// PostgreSQL client, TOML and ncurses, and the loader relocates every pointer in their metadata
/// before main runs: about 670 page faults at every start, most of a note's time. A note typed
/// in another shell while everything burns needs none of them. This program is IncidentCore and
/// the Swift runtime: about 310 page faults. Every other command pays its start on top of its
/// own, 2 to 3 ms.
@main
enum Front {
    static func main() {
        SignalMask.unblockTermination()
        SignalMask.ignoreFileSizeLimit()
        guard let recording = QuickRecording(argc: CommandLine.argc, argv: CommandLine.unsafeArgv),
              let path = recording.journal.filePath
        else {
            FullProgram.run(CommandLine.unsafeArgv)
        }
        do {
            try recording.record(into: FileJournal(path: path), named: NamedJournal.fileName(path))
        } catch {
            Output.error("\(error)")
            exit(EXIT_FAILURE)
        }
    }
}
