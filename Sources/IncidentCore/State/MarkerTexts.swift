import Synchronization

/// One copy of each marker sentence. A service that flaps writes the same few sentences
/// thousands of times (`api: up → degraded`), and each copy held its own heap buffer: in a
/// million-event incident, 300,000 markers shared some 700 sentences.
///
/// A cache, not state: copies of the fold (replay's checkpoints) share one table, and what it
/// hands out equals what it was given. Bounded, so sentences that never repeat (pool figures
/// that keep changing) stop being kept once it is full.
final class MarkerTexts: Sendable {
    private let table = Mutex<[String: String]>([:])
    static let capacity = 4096

    /// `text`, or an equal string already held, whose buffer the caller then shares.
    func shared(_ text: String) -> String {
        table.withLock { table in
            if let known = table[text] { return known }
            if table.count < Self.capacity { table[text] = text }
            return text
        }
    }
}
