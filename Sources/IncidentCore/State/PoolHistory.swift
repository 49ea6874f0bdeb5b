/// A pool's most recent samples, oldest first, in a fixed-size ring: adding a sample to a full
/// history overwrites the oldest in place instead of shifting every point along.
public struct PoolHistory: RandomAccessCollection, Equatable, Sendable {
    public let capacity: Int
    private var storage: [PoolPoint] = []
    private var oldest = 0

    public init(capacity: Int) {
        self.capacity = Swift.max(1, capacity)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.count }

    public subscript(position: Int) -> PoolPoint {
        storage[(oldest + position) % storage.count]
    }

    mutating func append(_ point: PoolPoint) {
        if storage.count < capacity {
            storage.append(point)
        } else {
            storage[oldest] = point
            oldest = (oldest + 1) % capacity
        }
    }

    public static func == (lhs: PoolHistory, rhs: PoolHistory) -> Bool {
        lhs.capacity == rhs.capacity && lhs.elementsEqual(rhs)
    }
}
