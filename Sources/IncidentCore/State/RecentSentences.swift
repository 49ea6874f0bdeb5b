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

/// Marker sentences by what they say, for texts that vary more than a few: a long incident's
/// pools said some 135 saturation and 537 recovery sentences, 118,000 times, and a pool's last
/// eight missed most of them, composing each again and looking it up in `MarkerTexts`.
/// Emptied when full: a cache, whose sentences equal what composing them gives.
struct SentenceCache<Key: Hashable & Sendable>: Sendable {
    private var kept: [Key: String] = [:]
    private static var capacity: Int { 4096 }

    /// The sentence said for `key` before, else `compose()`'s, kept.
    mutating func sentence(for key: Key, compose: () -> String) -> String {
        if let known = kept[key] { return known }
        let text = compose()
        if kept.count >= Self.capacity { kept.removeAll(keepingCapacity: true) }
        kept[key] = text
        return text
    }
}

/// What a pool's saturation marker says: `primary: saturated 50/50 in use (100%), 37 waiting`, or
/// with `afterSeconds` its recovery: `primary: back below saturation 20/50 in use (40%) after 5m`.
struct PoolSaturation: Hashable, Sendable {
    /// The pool's place in `IncidentState.pools`.
    var pool: Int
    var inUse: Int
    var max: Int
    var waiting: Int?
    /// How long the episode lasted, in whole seconds, which is all its text says of it.
    var afterSeconds: Int? = nil
}
