/// The moments a postmortem measures the response by. Each is the earliest matching event by its
/// `ts`, so a backdated entry counts at the time it says the thing happened.
public struct Milestones: Equatable, Sendable {
    /// `declare.started` when given: when the impact began, which may be long before anyone knew.
    public var reportedStart: Timestamp?
    public var declared: Timestamp?
    /// The first alert.
    public var detected: Timestamp?
    /// The first entry a person made (note, status, escalation, ...).
    public var acknowledged: Timestamp?
    public var escalated: Timestamp?
    /// The first mitigation recorded as applied.
    public var mitigated: Timestamp?
    /// When the status last became `resolved`, while it still is.
    public var resolved: Timestamp?

    /// Impact start: `declare.started` if given, else the earlier of the declaration and the first alert.
    public var impactStart: Timestamp? {
        if let reportedStart { return reportedStart }
        return [declared, detected].compactMap { $0 }.min()
    }

    mutating func noteEarliest(_ keyPath: WritableKeyPath<Milestones, Timestamp?>, _ time: Timestamp) {
        if let current = self[keyPath: keyPath], current <= time { return }
        self[keyPath: keyPath] = time
    }
}
