extension Event {
    /// The extra field that marks an entry written by a machine (`sitrep collect`, `sitrep receive`)
    /// rather than typed by a responder. The contract lets any writer add fields; readers that do
    /// not know this one ignore it.
    public static let automatedKey = "automated"

    /// A note from the collector saying a pool recovered is not a person acknowledging the
    /// incident; milestones must not count it as one.
    public var isAutomated: Bool {
        extraValue(Self.automatedKey) == .bool(true)
    }

    public mutating func markAutomated() {
        guard !isAutomated else { return }
        extra.append(ExtraField(key: Self.automatedKey, value: .bool(true)))
    }

    /// On a `pool` sample: who writes this pool's saturation alerts and end notes (the collector
    /// that sampled it), so readers tell that story once, from those, instead of deriving a
    /// second account from the samples with their own threshold and their own durations.
    public static let alertedByKey = "alerted_by"

    public var poolEpisodesAlertedBy: String? {
        extraValue(Self.alertedByKey)?.stringValue
    }
}
