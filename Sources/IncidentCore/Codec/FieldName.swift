#if canImport(Glibc)
import Glibc
#endif

/// The field names the journal contract defines, recognised from raw key bytes.
enum FieldName: CaseIterable {
    case ts, kind, actor, text, logged, id, prev
    case title, severity, impact, started, state, role, who, to, service, level, ref, owner
    case pool, latencyMs, errorRate, inUse, max, waiting, idle

    var key: String {
        switch self {
        case .latencyMs: "latency_ms"
        case .errorRate: "error_rate"
        case .inUse: "in_use"
        default: "\(self)"
        }
    }

    /// Candidates grouped by key length, so a lookup compares against a handful of names at most.
    private static let byLength: [[(bytes: [UInt8], name: FieldName)]] = {
        var table = [[(bytes: [UInt8], name: FieldName)]](repeating: [], count: 11)
        for name in allCases {
            let bytes = Array(name.key.utf8)
            table[bytes.count].append((bytes, name))
        }
        return table
    }()

    static func lookup(_ key: UnsafeRawBufferPointer) -> FieldName? {
        guard key.count < byLength.count, let base = key.baseAddress else { return nil }
        for candidate in byLength[key.count] {
            let same = candidate.bytes.withUnsafeBytes { memcmp($0.baseAddress!, base, key.count) == 0 }
            if same { return candidate.name }
        }
        return nil
    }
}

extension EventKind {
    private static let byName: [String: EventKind] = Dictionary(uniqueKeysWithValues: [
        EventKind.declare, .status, .severity, .role, .note, .alert, .escalation, .mitigation, .cause,
        .task, .amend, .health, .pool,
    ].map { ($0.name, $0) })

    private static let known: [(bytes: [UInt8], kind: EventKind)] = byName.map { (Array($0.key.utf8), $0.value) }

    /// The kind named by raw UTF-8, without building a String for the known ones.
    static func lookup(_ name: UnsafeRawBufferPointer) -> EventKind {
        if let base = name.baseAddress {
            for candidate in known where candidate.bytes.count == name.count {
                if candidate.bytes.withUnsafeBytes({ memcmp($0.baseAddress!, base, name.count) == 0 }) {
                    return candidate.kind
                }
            }
        }
        return .other(String(decoding: name, as: UTF8.self))
    }

    static func lookup(_ name: String) -> EventKind {
        byName[name] ?? .other(name)
    }
}
