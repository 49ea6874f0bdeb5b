/// How the fold is tuned. The defaults are what the dashboard and the report use.
public struct FoldOptions: Equatable, Sendable {
    /// Samples kept per pool for its sparkline.
    public var poolHistoryLimit = 120
    /// A pool at or above this share of `max` (or with clients waiting) is saturated.
    public var poolSaturationThreshold = 0.9
    /// When set, events with a later `ts` are left out: the incident as it stood at that moment.
    public var asOf: Timestamp?
    /// False for readers that only need the current state (`summary`): a long incident's
    /// timeline is most of the fold's memory. Without it, `apply` reports no timeline change
    /// and amendments have nothing to correct.
    public var keepsTimeline = true

    public init(poolHistoryLimit: Int = 120, poolSaturationThreshold: Double = 0.9, asOf: Timestamp? = nil,
                keepsTimeline: Bool = true) {
        self.poolHistoryLimit = poolHistoryLimit
        self.poolSaturationThreshold = poolSaturationThreshold
        self.asOf = asOf
        self.keepsTimeline = keepsTimeline
    }
}

/// The incident as the journal tells it: a pure fold of events, in file order, into state.
///
/// Nothing here reads a clock or a file; the same events always give the same state. Where two
/// events disagree (a backdated status arriving after a newer one), the later `ts` wins.
public struct IncidentState: Sendable {
    public internal(set) var options: FoldOptions

    public internal(set) var title: String?
    public internal(set) var severity: String?
    public internal(set) var impact: String?
    public internal(set) var declaredBy: String?
    public internal(set) var status: String?
    public internal(set) var statusSince: Timestamp?
    public internal(set) var roles: [RoleAssignment] = []
    public internal(set) var services: [ServiceHealth] = []
    public internal(set) var pools: [PoolStatus] = []
    /// Ordered by `ts`; entries with equal `ts` keep journal order.
    public internal(set) var timeline: [TimelineEntry] = []
    /// Changes whenever the timeline changes other than by an entry added at its end.
    public internal(set) var timelineRevision = TimelineRevision.fresh()
    public internal(set) var milestones = Milestones()
    /// Set when the journal is a drill: what it was built from, and the original response times.
    public internal(set) var drill: DrillReference?

    /// Set when the samples before some point of the journal were left out (a long journal's
    /// first read, `FollowUpdate.partial`): a service's or pool's first sample then says how it
    /// stood, not since when, and marks no change.
    public internal(set) var samplesStartMidway = false

    /// Events folded in (bad lines and events after `asOf` are not counted).
    public internal(set) var eventCount = 0
    public internal(set) var firstEventAt: Timestamp?
    public internal(set) var lastEventAt: Timestamp?

    var serviceIndex = NameIndex()
    var poolIndex = NameIndex()
    var severitySince: Timestamp?
    /// Amendments whose target has not been read yet, by the target's id.
    var pendingAmendments: [String: [Event]] = [:]
    let markerTexts = MarkerTexts()
    /// Each service's recent marker sentences, in the order of `services`; the pools' sentences,
    /// which vary more, by what they say.
    var serviceSentences: [RecentSentences<HealthChange>] = []
    var poolSentences = SentenceCache<PoolSaturation>()

    public init(options: FoldOptions = FoldOptions()) {
        self.options = options
    }

    /// A copy to resume folding from without the timeline: replay keeps one full timeline and
    /// shows a prefix of it, so its checkpoints need only the small rest of the state.
    func checkpoint() -> IncidentState {
        var copy = self
        copy.timeline = []
        copy.timelineRevision = .fresh()
        copy.options.keepsTimeline = false
        // A cache, not state: a checkpoint holding it would keep its own copy of the table the
        // fold goes on changing, hundreds of them over a long recording.
        copy.poolSentences = SentenceCache()
        return copy
    }

    /// The commander: the `commander` role if assigned, else whoever declared the incident.
    public var commander: String? { role("commander") ?? declaredBy }

    public func role(_ name: String) -> String? { roles.first { $0.role == name }?.who }

    public var incidentStatus: IncidentStatus? { status.flatMap(IncidentStatus.init(rawValue:)) }

    /// Folds one event in. Returns what it added to or corrected in the timeline (one event
    /// changes at most one entry), for followers that print entries as they arrive.
    @discardableResult
    public mutating func apply(_ event: Event, line: Int = 0) -> TimelineChange? {
        if let asOf = options.asOf, event.ts > asOf { return nil }
        eventCount += 1
        if firstEventAt.map({ event.ts < $0 }) ?? true { firstEventAt = event.ts }
        if lastEventAt.map({ event.ts > $0 }) ?? true { lastEventAt = event.ts }

        let change: TimelineChange?
        switch event.kind {
        case .health: change = applyHealth(event, line: line)
        case .pool: change = applyPool(event, line: line)
        case .amend: change = applyAmendment(event, line: line)
        default:
            applyIncidentFields(event)
            change = addEntry(for: event, line: line)
        }
        if event.kind.isHumanResponse && !event.isAutomated { milestones.noteEarliest(\.acknowledged, event.ts) }
        return change
    }

    /// Room, made once, for the timeline a journal of `bytes` may hold: an entry for every 128
    /// bytes, more than a long incident's samples and notes make. Growing into it copied every
    /// entry again at each doubling and touched twice its memory, 7% of `timeline` on a
    /// million-event journal; room reserved and never used is never touched.
    mutating func reserveTimeline(forJournalBytes bytes: Int64) {
        guard options.keepsTimeline, bytes > 0 else { return }
        timeline.reserveCapacity(Int(Swift.min(bytes / 128, 8 << 20)))
    }

    /// The samples before the events still to come were left out (see `samplesStartMidway`).
    public mutating func startSamplesMidway() { samplesStartMidway = true }

    /// Folds a whole store, passing bad lines to `onBadLine`.
    public static func fold(
        _ store: any JournalStore, options: FoldOptions = FoldOptions(),
        onBadLine: (BadLine) -> Void = { _ in }
    ) throws(JournalError) -> IncidentState {
        var state = IncidentState(options: options)
        if let bytes = store.expectedReadBytes { state.reserveTimeline(forJournalBytes: bytes) }
        try store.read { record in
            switch record {
            case let .event(event, line): state.apply(event, line: line)
            case .bad(let bad): onBadLine(bad)
            }
        }
        return state
    }

    private mutating func applyIncidentFields(_ event: Event) {
        switch event.kind {
        case .declare:
            if title == nil || event.ts >= (milestones.declared ?? event.ts) {
                title = event.title ?? title
                impact = event.impact ?? impact
                declaredBy = event.actor ?? declaredBy
            }
            if let severity = event.severity { setSeverity(severity, at: event.ts) }
            milestones.noteEarliest(\.declared, event.ts)
            if let started = event.started { milestones.noteEarliest(\.reportedStart, started) }
            if status == nil { setStatus(IncidentStatus.investigating.rawValue, at: event.ts) }
        case .status:
            if let state = event.state { setStatus(state, at: event.ts) }
        case .severity:
            if let severity = event.severity { setSeverity(severity, at: event.ts) }
        case .role:
            if let role = event.role, let who = event.who { assign(role, to: who, at: event.ts) }
        case .alert:
            milestones.noteEarliest(\.detected, event.ts)
        case .escalation:
            milestones.noteEarliest(\.escalated, event.ts)
        case .mitigation:
            if event.mitigationState == .applied { milestones.noteEarliest(\.mitigated, event.ts) }
        case DrillScript.kind:
            drill = drill ?? DrillReference(event)
            if let started = event.started { milestones.noteEarliest(\.reportedStart, started) }
        default:
            break
        }
    }

    private mutating func setStatus(_ newStatus: String, at time: Timestamp) {
        if let since = statusSince, time < since { return }
        if newStatus != status { statusSince = time }
        status = newStatus
        milestones.resolved = newStatus == IncidentStatus.resolved.rawValue ? statusSince : nil
    }

    private mutating func setSeverity(_ newSeverity: String, at time: Timestamp) {
        if let since = severitySince, time < since { return }
        severitySince = time
        severity = newSeverity
    }

    private mutating func assign(_ role: String, to who: String, at time: Timestamp) {
        if let index = roles.firstIndex(where: { $0.role == role }) {
            guard time >= roles[index].since else { return }
            roles[index].who = who
            roles[index].since = time
        } else {
            roles.append(RoleAssignment(role: role, who: who, since: time))
        }
    }
}
