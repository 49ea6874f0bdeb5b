/// How a pool's figures read in the collector's alerts and the dashboard's timeline markers, so
/// both say the same thing the same way.
public enum PoolText {
    /// `50/50 in use (100%)`; without a percentage when `max` is 0.
    public static func usage(inUse: Int, max: Int, roundingDown: Bool = false) -> String {
        guard max > 0 else { return "\(inUse)/\(max) in use" }
        let percent = (Double(inUse) / Double(max) * 100).rounded(roundingDown ? .down : .toNearestOrAwayFromZero)
        return "\(inUse)/\(max) in use (\(Int(percent))%)"
    }

    /// Whether clients queue with connections to spare (a cold PgBouncer pool still opening its
    /// server connections, a database refusing new ones). Then the queue leads what is said:
    /// "saturated: 0/3 in use" would read as a contradiction at the worst moment.
    public static func queueLeads(inUse: Int, max: Int, waiting: Int, threshold: Double) -> Bool {
        let saturation = max > 0 ? Double(inUse) / Double(max) : 0
        return waiting > 0 && saturation < threshold
    }

    /// `20 clients waiting with 0/3 in use (0%)`. Rounded down: with a line at 100%, 199/200 must
    /// not read "(100%)" next to spare connections.
    public static func queue(inUse: Int, max: Int, waiting: Int) -> String {
        "\(CountText.of(waiting, "client")) waiting with \(usage(inUse: inUse, max: max, roundingDown: true))"
    }
}
