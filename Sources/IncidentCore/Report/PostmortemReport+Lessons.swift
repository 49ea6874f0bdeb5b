/// The review's own findings, as a blameless postmortem has them. The journal records what
/// happened, not what the team learned from it, so each part says what the review writes there,
/// and quotes what the journal holds that bears on it.
extension PostmortemReport {
    func lessons(_ out: inout MarkdownText, mitigations: [TimelineEntry]) {
        out.section("Lessons Learned")
        out.line("What the review adds: the journal records what happened, not what the team learned.")
        out.subsection("What Went Well")
        out.line("_For the review to write: what helped to detect, respond and recover, such as an alert that fired early, a runbook that worked or a clean handover._")
        out.subsection("What Went Wrong")
        let setbacks = mitigations.filter { $0.detail == MitigationState.failed.rawValue || $0.detail == MitigationState.reverted.rawValue }
        if !setbacks.isEmpty {
            out.line("Mitigations the journal records as failed or reverted:")
            out.blank()
            for step in setbacks {
                out.line("- \(MarkdownText.inline(step.text)) (\(MarkdownText.inline(step.detail ?? "")))\(attribution(step))")
            }
            out.blank()
        }
        out.line("_For the review to write: what slowed detection or response, or made the impact worse, described as gaps in systems and process, not as anyone's fault._")
        out.subsection("Where We Got Lucky")
        out.line("_For the review to write: what went right by chance, not by design (someone awake who knew the system, a spike that came at a quiet hour); each is a risk for next time, and may deserve a task._")
    }
}
