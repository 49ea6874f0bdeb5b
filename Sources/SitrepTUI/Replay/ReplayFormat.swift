import IncidentCore

enum ReplayFormat {
    /// `09:15`, `09:15:30` (on the day of `around`), or a full RFC 3339 time.
    static func parseMoment(_ text: String, around time: Timestamp) -> Timestamp? {
        let trimmed = text.trimmingWhitespace()
        if let full = RFC3339.parse(trimmed) { return full }
        let parts = trimmed.split(separator: ":").map { Int($0) }
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0 != nil }) else { return nil }
        let day = CivilTime(time).dateText
        let clock = parts.map { RFC3339.pad2($0!) }.joined(separator: ":") + (parts.count == 2 ? ":00" : "")
        return RFC3339.parse("\(day)T\(clock)Z")
    }
}
