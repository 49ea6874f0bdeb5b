/// What every alert episode shares: it opens at the first sample over the line (every second
/// counts once clients queue or a service is down) and closes only after `clearSamples` clear
/// samples in a row. A sample that is neither over the line nor clear (a pool at 85% with the
/// line at 90%) keeps an open episode open, so a value hovering at the line does not flap.
struct Hysteresis {
    enum Step { case opened, closed, unchanged }

    let clearSamples: Int
    private(set) var isOpen = false
    private var clearInARow = 0

    init(clearSamples: Int) { self.clearSamples = clearSamples }

    mutating func observe(over: Bool, clear: Bool) -> Step {
        if isOpen {
            clearInARow = clear ? clearInARow + 1 : 0
            guard clearInARow >= clearSamples else { return .unchanged }
            isOpen = false
            clearInARow = 0
            return .closed
        }
        guard over else { return .unchanged }
        isOpen = true
        return .opened
    }
}
