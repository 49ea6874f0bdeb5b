/// A rectangle of cells: where a pane, a row or a label goes.
public struct Rect: Equatable, Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    /// Negative sizes count as zero, so layout arithmetic on a tiny terminal cannot trap.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// The x of every column and the y of every row, for loops.
    public var xRange: Range<Int> { x..<maxX }
    public var yRange: Range<Int> { y..<maxY }

    public func contains(x column: Int, y row: Int) -> Bool {
        xRange.contains(column) && yRange.contains(row)
    }

    /// The part inside both; empty (at this rectangle's origin) when they do not overlap.
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(maxX, other.maxX), bottom = min(maxY, other.maxY)
        guard right > left, bottom > top else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// Shrunk by `horizontal` columns on the left and right and `vertical` rows top and bottom:
    /// `inset(by: 1)` is the inside of a border.
    public func inset(horizontal: Int, vertical: Int) -> Rect {
        Rect(x: x + horizontal, y: y + vertical, width: width - 2 * horizontal, height: height - 2 * vertical)
    }

    public func inset(by amount: Int) -> Rect {
        inset(horizontal: amount, vertical: amount)
    }

    /// Row `index` of this rectangle as a one-row rectangle (empty outside it).
    public func row(_ index: Int) -> Rect {
        guard index >= 0 && index < height else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: x, y: y + index, width: width, height: 1)
    }
}
