/// Durations as responders say them: `45s`, `12m`, `2h 45m`, `1d 3h`.
public enum DurationText {
    public static func compact(_ seconds: Double) -> String {
        let sign = seconds < 0 ? "-" : ""
        var total = Int(abs(seconds).rounded())
        // Past an hour, seconds are noise: 2h 49m 55s reads as 2h 50m.
        if total >= 3600 { total = (total + 30) / 60 * 60 }
        let days = total / 86_400
        let hours = total % 86_400 / 3600
        let minutes = total % 3600 / 60
        let secs = total % 60
        if days > 0 { return sign + (hours > 0 ? "\(days)d \(hours)h" : "\(days)d") }
        if hours > 0 { return sign + (minutes > 0 ? "\(hours)h \(minutes)m" : "\(hours)h") }
        if minutes > 0 { return sign + (secs > 0 && minutes < 10 ? "\(minutes)m \(secs)s" : "\(minutes)m") }
        return sign + "\(secs)s"
    }
}
