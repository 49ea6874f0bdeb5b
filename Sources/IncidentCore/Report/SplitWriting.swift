/// Writes a long list on both cores: a helper thread writes the second half into bytes of its own
/// while the caller writes the first half, then the caller adds the helper's bytes after its own.
/// `timeline` and `report` on a long incident spent a third of their time writing one entry line
/// after another once the fold was done; each line depends on its entry alone.
package enum SplitWriting {
    /// Below this many items one thread writes them all: a thread is not worth starting.
    static let minimumItems = 20_000

    /// Calls `firstHalf` here with the items up to the middle and returns what `secondHalf`
    /// wrote of the rest on the helper thread (everything goes to `firstHalf`, and nothing is
    /// returned, for a short list).
    package static func write<Item: Sendable>(
        _ items: [Item], firstHalf: (ArraySlice<Item>) -> Void,
        secondHalf: @escaping @Sendable (ArraySlice<Item>) -> [UInt8]
    ) -> [UInt8] {
        guard items.count >= minimumItems else {
            firstHalf(items[...])
            return []
        }
        let middle = items.count / 2
        let rest = items[middle...]
        return BothCores.run({ firstHalf(items[..<middle]) }, alongside: { secondHalf(rest) })
    }
}
