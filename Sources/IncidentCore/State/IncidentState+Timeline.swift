extension IncidentState {
    mutating func addEntry(for event: Event, line: Int) -> TimelineChange? {
        guard options.keepsTimeline else { return nil }
        var entry = TimelineEntry(
            ts: event.ts, line: line, id: event.id, actor: event.actor, kind: .event(event.kind),
            detail: Self.detail(of: event), text: event.text.map(Self.compacted) ?? Self.defaultText(of: event),
            isAutomated: event.isAutomated)
        if let id = event.id, let amendments = pendingAmendments.removeValue(forKey: id) {
            for amendment in amendments { Self.amend(&entry, with: amendment) }
        }
        return insert(entry)
    }

    /// A copy of `text` in an allocation of its own, made here. The decoder's strings sit between
    /// the events it decoded them with, on the reading threads: a timeline keeping them kept the
    /// pages of every event it was folded from (a million-event journal's dashboard peaked at
    /// 139 MB; 97 MB with this).
    static func compacted(_ text: String) -> String {
        let count = text.utf8.count
        guard count > 15 else { return text }  // held inline, in no allocation
        var text = text
        return text.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: count) { _ = $0.initialize(fromContentsOf: bytes); return count }
        }
    }

    /// A marker for what a sample changed; the sample itself is `line` of the journal.
    mutating func addMarker(_ kind: TimelineEntry.Kind, for sample: Event, line: Int, text: String) -> TimelineChange {
        insert(TimelineEntry(ts: sample.ts, line: line, id: nil, actor: sample.actor, kind: kind, detail: nil, text: text,
                             isAutomated: sample.isAutomated))
    }

    /// An amendment corrects the text of the entry it names. One whose target is not (yet) in the
    /// journal waits for it, and is shown on its own so the correction is never invisible.
    mutating func applyAmendment(_ event: Event, line: Int) -> TimelineChange? {
        guard let target = event.ref else { return addEntry(for: event, line: line) }
        if let index = timeline.lastIndex(where: { $0.id == target }) {
            Self.amend(&timeline[index], with: event)
            timelineRevision = .fresh()
            return .amended(timeline[index])
        }
        pendingAmendments[target, default: []].append(event)
        return addEntry(for: event, line: line)
    }

    private static func amend(_ entry: inout TimelineEntry, with amendment: Event) {
        if entry.originalText == nil {
            entry.originalText = entry.text
            entry.amendedAt = amendment.ts
        }
        entry.text = amendment.text ?? ""
        entry.amendments.append(amendment)
    }

    /// Keeps the timeline in `ts` order; the common case (a new event, the latest so far) appends.
    private mutating func insert(_ entry: TimelineEntry) -> TimelineChange {
        guard let last = timeline.last, entry.ts < last.ts else {
            timeline.append(entry)
            return .added(entry)
        }
        var low = 0
        var high = timeline.count
        while low < high {
            let middle = (low + high) / 2
            if timeline[middle].ts <= entry.ts { low = middle + 1 } else { high = middle }
        }
        timeline.insert(entry, at: low)
        timelineRevision = .fresh()
        return .added(entry)
    }

    static func detail(of event: Event) -> String? {
        switch event.kind {
        case .declare: return event.severity
        case .status: return event.state
        case .severity: return event.severity
        case .role: return event.role
        case .alert:
            let parts = [event.service, event.level].compactMap { $0 }
            return parts.isEmpty ? nil : parts.joined(separator: " ")
        case .escalation: return event.to.map { "→ \($0)" }
        case .mitigation: return event.state ?? MitigationState.applied.rawValue
        case .task: return event.owner.map { "owner: \($0)" }
        case .amend: return event.ref.map { "of \($0)" }
        default: return nil
        }
    }

    static func defaultText(of event: Event) -> String {
        switch event.kind {
        case .declare: return "declared: \(event.title ?? "untitled incident")"
            + (event.impact.map { " — impact: \($0)" } ?? "")
        case .status: return "status → \(event.state ?? "?")"
        case .severity: return "severity → \(event.severity ?? "?")"
        case .role: return "\(event.role ?? "?"): \(event.who ?? "?")"
        case .escalation: return "escalated to \(event.to ?? "?")"
        default: return ""
        }
    }
}
