/// Alertmanager's fingerprint of a label set (Prometheus `model.LabelSet.Fingerprint`): 64-bit
/// FNV-1a over the labels sorted by name, each name and value followed by the byte 0xFF, written
/// as 16 hex digits. Computed for posts that come without one, so that the same alert sent twice
/// is known as one, and is known as the same alert Alertmanager itself would send.
enum AlertmanagerFingerprint {
    static func of(_ labels: [String: String]) -> String {
        var hash: UInt64 = 14_695_981_039_346_656_037
        func add(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 1_099_511_628_211
        }
        for name in labels.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            for byte in name.utf8 { add(byte) }
            add(0xFF)
            for byte in labels[name]!.utf8 { add(byte) }
            add(0xFF)
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
