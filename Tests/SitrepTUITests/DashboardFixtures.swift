import Foundation
import IncidentCore
@testable import SitrepTUI

/// The seed outage, small: enough to fill every pane at a known moment.
enum DashboardFixture {
    static func time(_ text: String) -> Timestamp { RFC3339.parse(text)! }

    static let now = time("2023-06-01T10:05:30Z")

    static func events() -> [Event] {
        func make(_ ts: String, _ kind: EventKind, _ actor: String, _ text: String? = nil,
                  _ fill: (inout Event) -> Void = { _ in }) -> Event {
            var event = Event(ts: time(ts), kind: kind, actor: actor, text: text)
            fill(&event)
            return event
        }
        func pool(_ ts: String, _ inUse: Int, _ waiting: Int) -> Event {
            make(ts, .pool, "collector") { $0.pool = "primary"; $0.inUse = inUse; $0.max = 50; $0.waiting = waiting }
        }
        return [
            make("2023-05-31T23:50:00Z", .note, "night", "quiet shift"),
            make("2023-06-01T08:58:00Z", .health, "collector") { $0.service = "web"; $0.state = "up"; $0.latencyMs = 120 },
            make("2023-06-01T08:58:00Z", .health, "collector") { $0.service = "db"; $0.state = "up"; $0.latencyMs = 4 },
            pool("2023-06-01T08:58:00Z", 30, 0),
            pool("2023-06-01T09:00:00Z", 40, 0),
            pool("2023-06-01T09:02:00Z", 50, 12),
            make("2023-06-01T09:10:00Z", .health, "collector", "HTTP 503") { $0.service = "web"; $0.state = "down" },
            make("2023-06-01T09:15:00Z", .alert, "monitoring", "p99 response time above 5 s") {
                $0.service = "web"; $0.level = "critical"
            },
            make("2023-06-01T09:20:00Z", .declare, "alice") {
                $0.title = "Web application outage"; $0.severity = "SEV1"; $0.started = time("2023-06-01T09:00:00Z")
            },
            pool("2023-06-01T09:30:00Z", 50, 37),
            make("2023-06-01T10:00:00Z", .note, "bob", "DB connection timeouts in app logs") { $0.id = "n1" },
            make("2023-06-01T10:01:00Z", .amend, "bob", "DB connection timeouts in app logs (pool exhausted)") { $0.ref = "n1" },
        ]
    }

    static func state(threshold: Double = 0.9) -> IncidentState {
        var state = IncidentState(options: FoldOptions(poolSaturationThreshold: threshold))
        for (index, event) in events().enumerated() { state.apply(event, line: index + 1) }
        return state
    }

    static func frame(_ state: IncidentState = state(), ui: DashboardUIState = DashboardUIState()) -> DashboardFrame {
        let entries = TimelineEntries(state.timeline, filter: ui.filter)
        return DashboardFrame(
            state: state, ui: ui, entries: entries, timelineBottom: ui.selectedEntry ?? max(0, entries.count - 1),
            now: now, head: String(repeating: "ab", count: 32), poolThreshold: 0.9, banner: nil,
            hints: KeyReference.liveHints, help: KeyReference.liveHelp)
    }
}
