/// One look at a connection pool, from whichever source the config names.
public struct PoolReading: Sendable, Equatable {
    public var inUse: Int
    public var max: Int
    public var waiting: Int?
    public var idle: Int?
    /// What the source had to assume to give this reading, said once in the journal: an idle
    /// PgBouncer exports no pool rows, so a missing `in_use` series next to a `max` reads as 0.
    public var assumption: String?

    public init(inUse: Int, max: Int, waiting: Int? = nil, idle: Int? = nil) {
        self.inUse = inUse
        self.max = max
        self.waiting = waiting
        self.idle = idle
    }

    public var saturation: Double { max > 0 ? Double(inUse) / Double(max) : 0 }

    /// More in use than the pool holds: the selectors point at the wrong series.
    public var looksWrong: Bool { inUse > max }

    /// Readings are compared for what they say about the pool, not for how they were made.
    public static func == (lhs: PoolReading, rhs: PoolReading) -> Bool {
        lhs.inUse == rhs.inUse && lhs.max == rhs.max && lhs.waiting == rhs.waiting && lhs.idle == rhs.idle
    }

    /// Figures from a source are untrusted: a counter must be a whole, non-negative number,
    /// and a pool of size zero cannot be judged.
    static func validated(inUse: Double, max: Double, waiting: Double?, idle: Double?) throws(PoolSourceError) -> PoolReading {
        func count(_ value: Double, _ name: String) throws(PoolSourceError) -> Int {
            guard value.isFinite, value >= 0, value < Double(Int32.max) else {
                throw PoolSourceError("\(name) is \(value), not a count of connections")
            }
            return Int(value.rounded())
        }
        let reading = PoolReading(
            inUse: try count(inUse, "in_use"),
            max: try count(max, "max"),
            waiting: try waiting.map { value throws(PoolSourceError) in try count(value, "waiting") },
            idle: try idle.map { value throws(PoolSourceError) in try count(value, "idle") }
        )
        guard reading.max > 0 else { throw PoolSourceError("max is 0: the pool size is unknown or wrong") }
        return reading
    }
}

/// Why a pool source gave no reading this time. The collector reports it and tries again.
public struct PoolSourceError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    /// The source answered that the pooler itself is down (its exporter's up series is 0).
    public var poolerDown = false
    public init(_ description: String, poolerDown: Bool = false) {
        self.description = description
        self.poolerDown = poolerDown
    }
}

/// Anything that can read a pool: a Prometheus endpoint, a shell command.
public protocol PoolSource: Sendable {
    func read() async throws(PoolSourceError) -> PoolReading
}
