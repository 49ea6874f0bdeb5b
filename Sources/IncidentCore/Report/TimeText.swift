/// The ways sitrep writes a time for people. Always UTC: responders in several time zones read
/// one screen, and the journal's own times are compared in UTC.
public enum TimeText {
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                      "August", "September", "October", "November", "December"]

    /// `2023-06-01 09:15:00Z`
    public static func utc(_ time: Timestamp) -> String {
        let civil = CivilTime(time)
        return "\(civil.dateText) \(civil.timeText)Z"
    }

    /// `June 1, 2023, 09:15 (UTC)`, the seed postmortem's style.
    public static func long(_ time: Timestamp) -> String {
        let civil = CivilTime(time)
        return "\(monthNames[civil.month - 1]) \(civil.day), \(civil.year), \(civil.shortTimeText) (UTC)"
    }
}
