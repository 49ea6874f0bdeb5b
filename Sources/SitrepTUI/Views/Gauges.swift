/// Small text gauges that read in any terminal and without colour.
enum Gauges {
    private static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// `████████░░` for 0.8 at width 10.
    static func bar(_ fraction: Double, width: Int) -> String {
        guard width > 0 else { return "" }
        let filled = Int((min(1, max(0, fraction)) * Double(width)).rounded())
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }

    /// The last `width` values as block heights, 0 = ▁ and 1 = █; oldest on the left.
    static func sparkline(_ values: [Double], width: Int) -> String {
        guard width > 0 else { return "" }
        let recent = values.suffix(width)
        return String(recent.map { value in
            levels[Int((min(1, max(0, value)) * Double(levels.count - 1)).rounded())]
        })
    }
}

/// Words and symbols for states, so a state reads without colour.
enum StateLabel {
    static func health(_ state: String) -> String {
        switch state {
        case "up": "✔ UP"
        case "degraded": "▲ DEGRADED"
        case "down": "✖ DOWN"
        default: "? " + state.uppercased()
        }
    }
}

/// Times on screen: all UTC, short where the context gives the date.
enum ScreenTime {
    static func clock(_ time: Timestamp) -> String { CivilTime(time).timeText }

    static func shortClock(_ time: Timestamp) -> String { CivilTime(time).shortTimeText }

    /// `09:15 (12m)`: when something began and how long ago; `orEarlier`: `≤09:15 (≥12m)`, for a
    /// start that may have been earlier.
    static func since(_ start: Timestamp, now: Timestamp, orEarlier: Bool = false) -> String {
        let (before, atLeast) = orEarlier ? ("≤", "≥") : ("", "")
        return "\(before)\(shortClock(start)) (\(atLeast)\(DurationText.compact(max(0, start.seconds(until: now)))))"
    }
}

import IncidentCore
