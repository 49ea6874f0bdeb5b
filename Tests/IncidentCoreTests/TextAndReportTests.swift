import Testing
@testable import IncidentCore

@Suite struct SafeTextTests {
    @Test func controlAndBidiCharactersBecomeVisibleEscapes() {
        let hostile = "ok\u{1B}[2J\u{1B}]0;pwned\u{07}\r\u{08}\u{9B}31m\u{202E}cod.exe\u{2066}\n"
        let shown = SafeText.escape(hostile)
        #expect(shown == #"ok\e[2J\e]0;pwned\x07\r\b\u{009B}31m\u{202E}cod.exe\u{2066}\n"#)
        #expect(!shown.unicodeScalars.contains(where: SafeText.needsEscape))
    }

    @Test func ordinaryTextIsUntouched() {
        for text in ["plain", "障害対応 🔥 café", "50/50 in use (100%)"] {
            #expect(SafeText.escape(text) == text)
        }
    }

    @Test func quotedTextIsEscapedAndCutWithAMark() {
        #expect(SafeText.quoted("3") == #""3""#)
        #expect(SafeText.quoted("ab\u{1B}[2Jcdef", limit: 4) == #""ab\e[…""#)
        #expect(SafeText.quoted("café", limit: 4) == #""café""#)
    }

    @Test func timelineLinesNeverCarryRawControls() {
        var state = IncidentState()
        state.apply(event("2023-06-01T09:00:00Z", .note, actor: "ev\u{1B}[31mil", text: "a\rb\u{202E}c"), line: 1)
        let line = TimelineText.line(state.timeline[0])
        #expect(line == #"2023-06-01 09:00:00Z  ev\e[31mil    note        a\rb\u{202E}c"#)
    }
}

@Suite struct ReportTests {
    func seedLikeState() -> IncidentState {
        fold([
            event("2023-06-01T09:20:00Z", .declare) {
                $0.title = "Web application outage"; $0.severity = "SEV1"
                $0.impact = "All users cannot reach the application"; $0.started = time("2023-06-01T09:00:00Z")
            },
            event("2023-06-01T09:15:00Z", .alert, actor: "monitoring", text: "p99 response time above 5 s") {
                $0.service = "web"; $0.level = "critical"
            },
            event("2023-06-01T09:15:05Z", .pool, actor: "collector") { $0.pool = "primary"; $0.inUse = 50; $0.max = 50; $0.waiting = 37 },
            event("2023-06-01T11:00:00Z", .escalation, actor: "bob", text: "restart did not help") { $0.to = "database administration" },
            event("2023-06-01T11:30:00Z", .cause, actor: "dba", text: "connection pool max too small for peak load"),
            event("2023-06-01T12:00:00Z", .mitigation, actor: "dba", text: "raised pool size to 200"),
            event("2023-06-01T12:05:00Z", .pool, actor: "collector") { $0.pool = "primary"; $0.inUse = 80; $0.max = 200; $0.waiting = 0 },
            event("2023-06-01T12:30:00Z", .task, actor: "alice", text: "alert on pool saturation") { $0.owner = "bob" },
            event("2023-06-02T03:00:00Z", .status) { $0.state = "resolved" },
        ])
    }

    @Test func theReportTellsTheStoryInTheSeedsShape() {
        let report = PostmortemReport(state: seedLikeState(), source: "seed.jsonl", head: String(repeating: "a", count: 64),
                                      asOf: time("2023-06-03T00:00:00Z")).markdown()
        let headings = ["# Postmortem: Web application outage", "## Issue Summary", "## Response Times", "## Timeline",
                        "## Root Cause and Resolution", "## Lessons Learned", "### What Went Well", "### What Went Wrong",
                        "### Where We Got Lucky", "## Corrective and Preventative Measures", "## Tasks to Address the Issue"]
        let places = headings.map { report.range(of: $0 + "\n")?.lowerBound }
        #expect(!places.contains(nil), "missing \(zip(headings, places).filter { $0.1 == nil }.map(\.0))")
        #expect(places.compactMap { $0 } == places.compactMap { $0 }.sorted(), "the sections in a postmortem's order")
        #expect(report.contains("- **Duration:** June 1, 2023, 09:00 (UTC) – June 2, 2023, 03:00 (UTC) (18h)"))
        #expect(report.contains("- **Impact:** All users cannot reach the application"))
        #expect(report.contains("| Detected (first alert) | 2023-06-01 09:15:00Z | 15m | time to detect: **15m** |"))
        #expect(report.contains("| Escalated | 2023-06-01 11:00:00Z | 2h | time to escalate: **2h** |"))
        #expect(report.contains("| Resolved | 2023-06-02 03:00:00Z | 18h | time to resolve: **18h** |"))
        #expect(report.contains("- connection pool max too small for peak load — dba, June 1, 2023, 11:30 (UTC)"))
        #expect(report.contains("Connection pool `primary` saturated once for 2h 50m in all; peak 50/50 in use (June 1, 2023, 09:15 (UTC)), with up to 37 clients waiting"))
        #expect(report.contains("- [ ] alert on pool saturation (owner: bob)"))
        #expect(report.contains("escalation (→ database administration): restart did not help — bob"))
    }

    @Test func anEmptyJournalInventsNothingAndSaysWhatWouldFillEachSection() {
        let report = PostmortemReport(state: IncidentState(), source: "empty.jsonl", head: nil,
                                      asOf: time("2023-06-03T00:00:00Z")).markdown()
        #expect(report.contains("# Postmortem: Untitled incident"))
        #expect(report.contains("`sitrep cause TEXT`"))
        #expect(report.contains("`sitrep mitigate TEXT`"))
        #expect(report.contains("`sitrep task TEXT --owner NAME`"))
        #expect(report.contains("`sitrep status resolved`"))
        #expect(report.contains("no `escalation` entry"))
        for part in ["What Went Well", "What Went Wrong", "Where We Got Lucky"] {
            let section = report.components(separatedBy: "### \(part)\n\n").last?.prefix { $0 != "#" } ?? ""
            #expect(section.contains("_For the review to write: "), "\(part) says what fills it: \(section)")
        }
        #expect(report.contains("_For the review to write: the measures agreed on, each recorded as a task below with an owner._"))
    }

    @Test func whatWentWrongQuotesFailedMitigationsAndTasksWithoutOwnersSaySo() {
        let state = fold([
            event("2023-06-01T09:10:00Z", .mitigation, actor: "bob", text: "restart db-1") { $0.state = "failed" },
            event("2023-06-01T09:20:00Z", .mitigation, actor: "bob", text: "raise pool size") { $0.state = "applied" },
            event("2023-06-01T09:30:00Z", .task, text: "alert on waiting clients"),
        ])
        let report = PostmortemReport(state: state, source: "j", head: nil, asOf: time("2023-06-02T00:00:00Z")).markdown()
        let wrong = report.components(separatedBy: "### What Went Wrong\n").last?.components(separatedBy: "###").first ?? ""
        #expect(wrong.contains("- restart db-1 (failed) — bob, June 1, 2023, 09:10 (UTC)"), "\(wrong)")
        #expect(!wrong.contains("raise pool size"), "an applied mitigation is no setback")
        #expect(report.contains("- [ ] alert on waiting clients _(no owner yet: `sitrep task TEXT --owner NAME`)_"))
    }

    @Test func journalTextCannotBreakTheMarkdown() {
        let state = fold([event("2023-06-01T09:00:00Z", .note, text: "| cell | <script> # `x` \u{1B}[2J")])
        let report = PostmortemReport(state: state, source: "j", head: nil, asOf: time("2023-06-02T00:00:00Z")).markdown()
        #expect(report.contains(##"\| cell \| \<script\> \# \`x\` \\e\[2J"##))
        #expect(!report.contains("\u{1B}"))
    }

    @Test func summaryJSONHasEveryDocumentedKey() {
        let summary = IncidentSummary(state: seedLikeState(), head: "abc", badLines: 2, asOf: time("2023-06-03T00:00:00Z"))
        let json = summary.json()
        for key in ["schema", "as_of", "title", "severity", "status", "status_since", "impact", "commander",
                    "elapsed_seconds", "roles", "milestones", "response_seconds", "services", "pools", "events",
                    "bad_lines", "head"] {
            #expect(json.contains("\"\(key)\":"), "missing \(key)")
        }
        #expect(json.hasPrefix(#"{"schema":"sitrep.summary/1","as_of":"2023-06-03T00:00:00Z","title":"Web application outage","severity":"SEV1","status":"resolved""#))
        #expect(json.contains(#""elapsed_seconds":64800"#))
        #expect(json.contains(#"{"pool":"primary","in_use":80,"max":200,"waiting":0,"idle":null,"saturation":0.4,"saturated":false"#))
        #expect(json.contains(#""response_seconds":{"detect":900,"acknowledge":null,"escalate":7200"#) == false)
        #expect(json.contains(#""bad_lines":2,"head":"abc"}"#))
    }
}
