import ArgumentParser
import IncidentCore
import JournalPostgres
import SitrepCollect
import SitrepRecording
import SitrepTUI

#if canImport(Glibc)
import Glibc
#endif

/// How the dashboard looks and alarms; shared by the live dashboard, the demo and replay.
struct DashboardOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Theme name from themes/ (default, light, high-contrast, mono) or a .toml path; default $SITREP_THEME. NO_COLOR means mono.",
                               valueName: "name"))
    var theme: String?

    @Option(name: .customLong("pool-alert"),
            help: ArgumentHelp("Mark a pool saturated at this percentage of its max, or with clients waiting (default 90).",
                               valueName: "percent"))
    var poolAlertGiven: Double?

    /// Optional so that --help states the default once, in words.
    var poolAlert: Double { poolAlertGiven ?? 90 }

    @Flag(name: .customLong("no-bell"), help: "Do not ring the terminal bell when a service goes down or a pool saturates.")
    var noBell = false

    func validate() throws {
        guard poolAlert > 0, poolAlert <= 100 else { throw ValidationError("--pool-alert takes a percentage from 1 to 100") }
    }

    func loadTheme() throws -> Theme {
        do {
            return try ThemeSelection.choose(flag: theme)
        } catch let missing as ThemeNotFoundError {
            throw CommandFailure(ThemeNames.notFound(missing))
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    func settings(actor: String) -> DashboardSettings {
        DashboardSettings(actor: actor, poolThreshold: poolAlert / 100, bell: !noBell)
    }
}

/// Runs the live dashboard on a journal until the user quits; returns the exit status.
enum LiveDashboard {
    static func run(store: any JournalStore, settings: DashboardSettings, theme: Theme, banner: String? = nil,
                    troubleCheck: @escaping () -> String? = { nil }) throws -> Int32 {
        let follower: any JournalFollowing
        let backend: NcursesBackend
        do {
            if let stored = store as? PostgresJournal {
                // Kept on this host for when the store is the thing that is down.
                follower = try stored.follow(keepingCopy: LocalCopy(of: stored.address))
            } else if let file = store as? FileJournal {
                follower = try file.follow(previewingLongHistory: true)
            } else {
                follower = try store.follow()
            }
            backend = try NcursesBackend(theme: theme)
        } catch {
            throw CommandFailure("\(error)")
        }
        let controller = DashboardController(store: store, settings: settings)
        return DashboardLoop(controller: controller, backend: backend, follower: follower, banner: banner,
                             troubleCheck: troubleCheck).run()
    }
}

/// A scenario written live into a fresh journal while the dashboard shows it: the demo and drills.
enum LivePlayback {
    /// `given`, or a new file in $TMPDIR (else /tmp) named after `prefix`; refused if it exists,
    /// since a playback must never add to another incident's record. In a store, a new incident:
    /// the one after `#`, else one named after `prefix` and the time.
    static func freshJournal(_ given: String?, prefix: String, purpose: String) throws -> (store: any JournalStore, name: String) {
        if let given, JournalAddress.isStore(given) {
            var address: PostgresAddress
            do { address = try PostgresAddress.parse(given) } catch { throw CommandFailure(error.description) }
            if address.incident.isEmpty { address.incident = stampedName(prefix: prefix) }
            let store = try JournalLocation.openStore(address)
            guard try !JournalLocation.failing({ () throws(JournalError) in try store.exists() }) else {
                throw CommandFailure("\(address.description) already has lines: \(purpose) writes a new incident (pick another #INCIDENT)")
            }
            return (store, address.description)
        }
        let path = given ?? defaultPath(prefix: prefix)
        var info = stat()
        if lstat(path, &info) == 0 {
            throw CommandFailure("\(path) already exists: \(purpose) writes a fresh journal (pick another -j FILE)")
        }
        return (FileJournal(path: path), path)
    }

    /// Plays `player` until the user quits the dashboard; the player stops with it, whatever happens.
    static func run(_ player: ScenarioPlayer, into store: any JournalStore, settings: DashboardSettings, theme: Theme,
                    banner: String, name: String) throws -> Int32 {
        player.start()
        defer { player.stop() }
        return try LiveDashboard.run(store: store, settings: settings, theme: theme, banner: banner,
                                     troubleCheck: { player.failure.map { "\(name) stopped: \($0)" } })
    }

    static func defaultPath(prefix: String) -> String {
        let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return "\(folder)/\(stampedName(prefix: prefix))-\(getpid()).jsonl"
    }

    static func stampedName(prefix: String) -> String {
        let now = CivilTime(.now())
        return "\(prefix)-" + now.dateText.filter(\.isNumber) + "-" + now.timeText.filter(\.isNumber)
    }
}
