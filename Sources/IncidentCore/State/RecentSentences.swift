/// The last few marker sentences one service or pool gave rise to, by what they say. A flapping
/// service repeats the same few, and finding one here costs a few comparisons, where composing it
/// again and looking it up in `MarkerTexts` cost a seventh of a long incident's first load.
struct RecentSentences<Key: Equatable & Sendable>: Sendable {
    private var kept: [(key: Key, text: String)] = []
    private var oldest = 0
    private static var capacity: Int { 8 }

    /// The sentence said for `key` before, else `compose()`'s, kept in place of the oldest.
    mutating func sentence(for key: Key, compose: () -> String) -> String {
        if let known = kept.first(where: { $0.key == key }) { return known.text }
        let text = compose()
        if kept.count < Self.capacity {
            kept.append((key, text))
        } else {
            kept[oldest] = (key, text)
            oldest = (oldest + 1) % Self.capacity
        }
        return text
    }
}

/// What a service's marker says: `db: up → degraded (slow)`.
struct HealthChange: Equatable, Sendable {
    var previous: String?
    var state: String
    var reason: String?
}

/// What a pool's saturation marker says: `primary: saturated 50/50 in use (100%), 37 waiting`.
struct PoolSaturation: Equatable, Sendable {
    var inUse: Int
    var max: Int
    var waiting: Int?
}
