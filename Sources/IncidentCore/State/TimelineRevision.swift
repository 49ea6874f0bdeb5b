import Synchronization

/// Which timeline an array of entries is, up to appends: every new timeline, and every edit of an
/// entry already in one (an amendment, an entry inserted before the last), takes a revision no
/// other timeline has had. Whatever is derived from a timeline's first entries (the filter's
/// search text) stays good while the revision is the same: from then on, entries were only added
/// at the end.
public struct TimelineRevision: Equatable, Sendable {
    private let number: UInt64

    private static let issued = Atomic<UInt64>(0)

    /// A revision no timeline has had before.
    public static func fresh() -> TimelineRevision {
        TimelineRevision(number: issued.add(1, ordering: .relaxed).newValue)
    }
}
