/// The response measured from the milestones: the numbers a postmortem reviews first.
public struct ResponseTimes: Equatable, Sendable {
    /// Impact start to first alert.
    public var toDetect: Double?
    /// First alert to the first entry a person made (or impact start to it, with no alert). Zero
    /// when people were already on it before any alert fired (a declaration by hand first).
    public var toAcknowledge: Double?
    /// Impact start to first escalation.
    public var toEscalate: Double?
    /// Impact start to first applied mitigation.
    public var toMitigate: Double?
    /// Impact start to resolution.
    public var toResolve: Double?

    public init(_ milestones: Milestones) {
        let start = milestones.impactStart
        func between(_ from: Timestamp?, _ to: Timestamp?) -> Double? {
            guard let from, let to else { return nil }
            return from.seconds(until: to)
        }
        toDetect = between(start, milestones.detected)
        toAcknowledge = between(milestones.detected ?? start, milestones.acknowledged).map { Swift.max(0, $0) }
        toEscalate = between(start, milestones.escalated)
        toMitigate = between(start, milestones.mitigated)
        toResolve = between(start, milestones.resolved)
    }
}
