/// How much of a split one part gets.
public enum Length: Equatable, Sendable {
    /// Exactly this many rows or columns (less if there is not enough room).
    case fixed(Int)
    /// This percentage of the whole, rounded down.
    case percent(Int)
    /// A share of whatever the fixed and percent parts leave, by weight.
    case fill(Int)

    /// `fill(1)`: take what is left.
    public static let rest = Length.fill(1)
}

extension Rect {
    /// Splits into rows, top to bottom: `screen.bounds.rows([.fixed(1), .rest, .fixed(1)])` gives
    /// a header, a body and a footer. Fixed and percent parts are given room first, in order, so
    /// on a small terminal the later ones shrink first, down to zero; fill parts share the rest.
    public func rows(_ lengths: [Length]) -> [Rect] {
        var top = y
        return Rect.sizes(lengths, total: height).map { size in
            defer { top += size }
            return Rect(x: x, y: top, width: width, height: size)
        }
    }

    /// Splits into columns, left to right, by the same rules as `rows`.
    public func columns(_ lengths: [Length]) -> [Rect] {
        var left = x
        return Rect.sizes(lengths, total: width).map { size in
            defer { left += size }
            return Rect(x: left, y: y, width: size, height: height)
        }
    }

    /// The top `count` rows and the rest.
    public func splitTop(_ count: Int) -> (top: Rect, rest: Rect) {
        let parts = rows([.fixed(count), .rest])
        return (parts[0], parts[1])
    }

    /// The left `count` columns and the rest.
    public func splitLeft(_ count: Int) -> (left: Rect, rest: Rect) {
        let parts = columns([.fixed(count), .rest])
        return (parts[0], parts[1])
    }

    static func sizes(_ lengths: [Length], total: Int) -> [Int] {
        var remaining = total
        var sizes = lengths.map { length -> Int in
            let wanted: Int
            switch length {
            case .fixed(let count): wanted = count
            case .percent(let percent): wanted = total * percent / 100
            case .fill: return 0
            }
            let size = min(max(0, wanted), remaining)
            remaining -= size
            return size
        }
        distribute(remaining, into: &sizes, lengths: lengths)
        return sizes
    }

    /// Shares what is left among the fill parts by weight; rounding leftovers go to the last.
    private static func distribute(_ remaining: Int, into sizes: inout [Int], lengths: [Length]) {
        let weights = lengths.map { length -> Int in
            if case .fill(let weight) = length { return max(0, weight) }
            return 0
        }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0, remaining > 0 else { return }
        var given = 0
        for index in sizes.indices where weights[index] > 0 {
            let share = remaining * weights[index] / totalWeight
            sizes[index] = share
            given += share
        }
        if let last = weights.lastIndex(where: { $0 > 0 }) {
            sizes[last] += remaining - given
        }
    }
}
