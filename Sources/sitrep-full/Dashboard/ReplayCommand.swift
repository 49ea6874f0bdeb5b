import ArgumentParser
import IncidentCore
import SitrepRecording
import SitrepTUI

struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Play a journal back in the dashboard, read-only: pause, change speed, step, seek.",
        discussion: """
            Every pane shows the incident as it stood at the replay clock's moment. Quiet \
            stretches are skipped (the header says how much).

            Keys: space pause, + - speed, → ← event, ] [ entry by a person, g G start/end, \
            t jump to a time, ? help, q quit.
            """)

    @OptionGroup var journal: JournalOption

    @Option(help: ArgumentHelp("Times real time (default 60).", valueName: "factor"))
    var speed: Double?

    @Option(help: ArgumentHelp("Start at this time (RFC 3339) instead of the first event.", valueName: "time"),
            transform: TimeArgument.parse)
    var from: Timestamp?

    @Flag(help: "Start paused.")
    var paused = false

    @Flag(name: .customLong("no-skip"), help: "Play quiet stretches in full instead of skipping them.")
    var noSkip = false

    @OptionGroup var display: DashboardOptions

    /// Optional so that --help states the default once, in words.
    private var factor: Double { speed ?? 60 }

    func validate() throws {
        guard factor.isFinite, factor > 0, factor <= 100_000 else { throw ValidationError("--speed takes a positive factor") }
    }

    func run() throws {
        let store = try journal.existingStore()
        let path = try JournalLocation.file(of: store)
        let theme = try display.loadTheme()
        let session = try makeSession(path: path)
        let backend: NcursesBackend
        do { backend = try NcursesBackend(theme: theme) } catch { throw CommandFailure("\(error)") }
        let status = ReplayLoop(session: session, backend: backend).run()
        if status != 0 { throw ExitCode(status) }
    }

    /// A long journal opens on a preview while it is indexed; any other is indexed first.
    private func makeSession(path: String) throws -> ReplaySession {
        let options = FoldOptions(poolSaturationThreshold: display.poolAlert / 100)
        if let preview = ReplayPreview.read(path: path, from: from, options: options) {
            return ReplaySession(preview: preview, options: options, speed: factor, paused: paused,
                                 skipsQuietStretches: !noSkip, poolThreshold: display.poolAlert / 100)
        }
        let recording: ReplayRecording
        do {
            recording = try ReplayRecording(path: path, options: options)
        } catch {
            throw CommandFailure(error.description)
        }
        guard recording.eventCount > 0 else { throw CommandFailure("\(journal.name) has no events to replay") }
        return ReplaySession(recording: recording, speed: factor, from: from, paused: paused,
                             skipsQuietStretches: !noSkip, poolThreshold: display.poolAlert / 100)
    }
}
