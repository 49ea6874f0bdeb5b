import Foundation
import TestSupport
import Testing
@testable import IncidentCore

@Suite struct DrillTests {
    static let seed = Repository.file("examples/seed-outage.jsonl")

    @Test func theMonitoringSideBecomesTheScript() throws {
        let now = time("2026-01-01T12:00:00Z")
        let plan = try DrillScript.plan(from: FileJournal(path: Self.seed), speed: 60, actor: "trainer", at: now)
        let kinds = Set(plan.scenario.steps.map(\.event.kind))
        #expect(kinds == [.health, .pool, .alert], "no responder's entry is replayed")
        #expect(plan.scenario.steps.first?.offset == 0)
        #expect(plan.scenario.duration == 19 * 3600, "08:30 to 03:30 the next day")
        #expect(plan.scenario.steps.allSatisfy { $0.event.id == nil && $0.event.prev == nil && $0.event.logged == nil })
        let reference = DrillReference(plan.reference)
        #expect(reference?.source == Self.seed)
        #expect(reference?.speed == 60)
        #expect(reference?.originalTitle == "Web application outage")
        #expect(reference?.original["acknowledge"] == 300)
        #expect(reference?.original["escalate"] == 7200)
        // Impact began 29m 58s after the first sample; at 60× that is about 30 s into the drill.
        #expect(plan.reference.started == now.adding(seconds: 1798.0 / 60))
    }

    @Test func quietStretchesAreSkippedUnlessKept() throws {
        let now = time("2026-01-01T12:00:00Z")
        let full = try DrillScript.plan(from: FileJournal(path: Self.seed), speed: 60, actor: "trainer", at: now)
        let skipping = try DrillScript.plan(from: FileJournal(path: Self.seed), speed: 60, actor: "trainer", at: now,
                                            skipsQuietStretches: true)
        #expect(full.skippedSeconds == 0 && full.scenario.duration / 60 == 19 * 60, "19 minutes in full")
        #expect(skipping.scenario.duration / 60 < 5 * 60, "played for \(skipping.scenario.duration / 60) s")
        #expect(skipping.skippedSeconds == full.scenario.duration - skipping.scenario.duration)
        #expect(skipping.scenario.steps.count == full.scenario.steps.count)
        // The impact start moves with the stretches cut before it, so trainees' times count from it.
        let start = try #require(skipping.reference.started)
        #expect(start <= full.reference.started! && start >= now)
    }

    @Test func theReportSetsTraineesBesideTheOriginal() throws {
        let folder = TemporaryFolder()
        let store = FileJournal(path: folder.file("drill.jsonl"))
        let start = time("2026-01-01T12:00:00Z")
        let plan = try DrillScript.plan(from: FileJournal(path: Self.seed), speed: 60, actor: "trainer", at: start)
        try store.append(plan.reference)
        // The first alert came 45 s into the drill (09:15 in the story); trainees answered 10 s later,
        // escalated at 2 min and mitigated at 2 min 30 s of the drill's clock.
        try store.append(event("2026-01-01T12:00:45Z", .alert, actor: "monitoring", text: "p99 high"))
        try store.append(event("2026-01-01T12:00:55Z", .note, actor: "trainee", text: "on it"))
        try store.append(event("2026-01-01T12:02:00Z", .escalation, actor: "trainee", text: "pool") { $0.to = "dba" })
        try store.append(event("2026-01-01T12:02:30Z", .mitigation, actor: "trainee", text: "raise pool"))
        let state = try IncidentState.fold(store)
        let report = PostmortemReport(state: state, source: store.path, head: nil, asOf: time("2026-01-01T13:00:00Z")).markdown()
        #expect(report.contains("## Drill: Trainees and the Original"))
        #expect(report.contains("| time to acknowledge | 10s | 10m | 5m |"))
        #expect(report.contains("| time to escalate | 1m 30s | 1h 30m | 2h |"))
        #expect(report.contains("| time to mitigate | 2m | 2h | 3h |"))
    }
}
