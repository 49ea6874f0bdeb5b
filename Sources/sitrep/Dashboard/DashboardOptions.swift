import ArgumentParser
import IncidentCore
import SitrepTUI

/// How the dashboard looks and alarms; shared by the live dashboard, the demo and replay.
struct DashboardOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Theme name from themes/ (default, light, high-contrast, mono) or a .toml path; default $SITREP_THEME. NO_COLOR means mono.",
                               valueName: "name"))
    var theme: String?

    @Option(name: .customLong("pool-alert"),
            help: ArgumentHelp("Mark a pool saturated at this percentage of its max (or with clients waiting).", valueName: "percent"))
    var poolAlert: Double = 90

    @Flag(name: .customLong("no-bell"), help: "Do not ring the terminal bell when a service goes down or a pool saturates.")
    var noBell = false

    func validate() throws {
        guard poolAlert > 0, poolAlert <= 100 else { throw ValidationError("--pool-alert takes a percentage from 1 to 100") }
    }

    func loadTheme() throws -> Theme {
        do {
            return try ThemeSelection.choose(flag: theme)
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
    static func run(store: FileJournal, settings: DashboardSettings, theme: Theme, banner: String? = nil,
                    troubleCheck: @escaping () -> String? = { nil }) throws -> Int32 {
        let follower: any JournalFollowing
        let backend: NcursesBackend
        do {
            follower = try store.follow()
            backend = try NcursesBackend(theme: theme)
        } catch {
            throw CommandFailure("\(error)")
        }
        let controller = DashboardController(store: store, settings: settings)
        return DashboardLoop(controller: controller, backend: backend, follower: follower, banner: banner,
                             troubleCheck: troubleCheck).run()
    }
}
