import ArgumentParser
import IncidentCore
import SitrepRecording

#if canImport(Glibc)
import Glibc
#endif

/// Every command names itself (`commandName:`): a name ArgumentParser derives from the type
/// costs a run-time search of every protocol conformance in the binary, at every start.
struct Sitrep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitrep",
        abstract: "Record, follow and review an incident from one append-only journal.",
        discussion: """
            The journal is -j/--journal FILE or postgresql://USER@HOST:PORT/DATABASE#INCIDENT, else $SITREP_JOURNAL, else ./incident.jsonl. \
            Writing commands record as --actor NAME, else $SITREP_ACTOR, else your login name.
            """,
        subcommands: [
            DashboardCommand.self, Demo.self, Replay.self, Drill.self,
            Declare.self, Note.self, Alert.self, Escalate.self, Mitigate.self, Status.self,
            SeverityCommand.self, Role.self, Cause.self, Task.self, Amend.self,
            TimelineCommand.self, Summary.self, Report.self, Verify.self, Collect.self, Receive.self,
            Incidents.self, Export.self, Import.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )
}

/// Our own entry point, so that every error is one line on stderr (`sitrep: ...`) instead of
/// ArgumentParser's message plus usage block: responders read it in a hurry, scripts grep it.
@main
enum Main {
    /// Async only for `collect` and `receive`; every other command runs synchronously on the
    /// main thread, the terminal loop on poll().
    static func main() async {
        ProcessName.setToSitrep()
        SignalMask.unblockTermination()
        SignalMask.ignoreFileSizeLimit()
        // `sitrep note WORDS...` and the like: start-up is most of their cost (QuickRecording), so
        // they are read before anything else is built from the arguments. Their first word is a
        // command's name, which UnknownCommand would let through anyway. The front program
        // (Sources/sitrep) writes those into a file itself; they come here for a store.
        do {
            if let recording = QuickRecording(argc: CommandLine.argc, argv: CommandLine.unsafeArgv) {
                return try recording.record(into: recording.journal.store(), named: recording.journal.name)
            }
        } catch {
            exit(after: error)
        }
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let unknown = UnknownCommand(arguments: arguments, commands: Sitrep.commandNames) {
            let lines = unknown.lines()
            Output.error(lines[0])
            Output.warning(lines.dropFirst().joined(separator: "\n"))
            Sitrep.exit(withError: ExitCode.validationFailure)
        }
        do {
            var command = try Sitrep.parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            exit(after: error)
        }
    }

    private static func exit(after error: any Error) -> Never {
        let code = Sitrep.exitCode(for: error)
        if code == .success {
            Output.line(UsageLine.wrapped(in: Sitrep.fullMessage(for: error)))
        } else if let message = Sitrep.message(for: error).split(separator: "\n").first {
            // A command that ends with a bare exit status (verify finding a problem) has said
            // what was wrong already; its error has no message, and nothing more is printed.
            Output.error(String(message))
        }
        Sitrep.exit(withError: code == .success ? nil : ExitCode(code.rawValue))
    }
}
