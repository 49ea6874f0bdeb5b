/// Where each service (or pool) sits in its list, by name. An incident watches a handful, and
/// comparing a short name with each of them costs a fraction of hashing it (Swift hashes a
/// string's Unicode-normalised form): on a million samples the hashing alone was 4% of the
/// dashboard's first load. Past `scanLimit` names the dictionary answers.
struct NameIndex: Sendable {
    private var names: [String] = []
    private var positions: [String: Int] = [:]
    private static let scanLimit = 16

    func position(of name: String) -> Int? {
        guard names.count > Self.scanLimit else { return names.firstIndex(of: name) }
        return positions[name]
    }

    /// Adds a name not there yet, at the next position.
    mutating func add(_ name: String) {
        positions[name] = names.count
        names.append(name)
    }
}
