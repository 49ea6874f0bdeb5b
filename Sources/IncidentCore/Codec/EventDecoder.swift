/// Turns one journal line into an `Event`, or says precisely why the line is bad.
public enum EventDecoder {
    public struct BadLine: Error, Equatable, Sendable {
        public let reason: String
        public init(reason: String) { self.reason = reason }
    }

    public static func decode(_ line: [UInt8]) -> Result<Event, BadLine> {
        line.withUnsafeBytes { decode($0) }
    }

    public static func decode(_ line: UnsafeRawBufferPointer) -> Result<Event, BadLine> {
        guard isValidUTF8(line) else { return .failure(BadLine(reason: "not valid UTF-8")) }
        var decoded = DecodedFields()
        do {
            try JSONParser.parseObject(line) { key, value throws(JSONParser.Failure) in decoded.set(key, value) }
        } catch {
            return .failure(BadLine(reason: "not a JSON object: \(error.message) at byte \(error.offset + 1)"))
        }
        return decoded.event()
    }

    /// ASCII is by far the common case; only lines with high bytes pay for full validation.
    static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        let count = bytes.count
        // Eight bytes at a time while everything is ASCII.
        while index + 8 <= count {
            if bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
            index += 8
        }
        while index < count, bytes[index] < 0x80 { index += 1 }
        if index == count { return true }
        // Everything before `index` is ASCII, so a valid sequence must start exactly there.
        return String(validating: UnsafeRawBufferPointer(rebasing: bytes[index...]), as: UTF8.self) != nil
    }
}

/// The members of one line as the parser hands them over, typed where the contract names them.
private struct DecodedFields {
    var ts: JSONValue?
    var kind: JSONValue?
    var fields = Event(ts: Timestamp(microseconds: 0), kind: .note)

    mutating func set(_ key: String, _ value: JSONValue) {
        switch key {
        case "ts": ts = value
        case "kind": kind = value
        case "actor": fields.actor = string(key, value)
        case "text": fields.text = string(key, value)
        case "logged": fields.logged = time(key, value)
        case "id": fields.id = string(key, value)
        case "prev": fields.prev = string(key, value)
        case "title": fields.title = string(key, value)
        case "severity": fields.severity = string(key, value)
        case "impact": fields.impact = string(key, value)
        case "started": fields.started = time(key, value)
        case "state": fields.state = string(key, value)
        case "role": fields.role = string(key, value)
        case "who": fields.who = string(key, value)
        case "to": fields.to = string(key, value)
        case "service": fields.service = string(key, value)
        case "level": fields.level = string(key, value)
        case "ref": fields.ref = string(key, value)
        case "owner": fields.owner = string(key, value)
        case "pool": fields.pool = string(key, value)
        case "latency_ms": fields.latencyMs = number(key, value)
        case "error_rate": fields.errorRate = number(key, value)
        case "in_use": fields.inUse = integer(key, value)
        case "max": fields.max = integer(key, value)
        case "waiting": fields.waiting = integer(key, value)
        case "idle": fields.idle = integer(key, value)
        default: keep(key, value)
        }
    }

    func event() -> Result<Event, EventDecoder.BadLine> {
        guard let ts else { return .failure(.init(reason: "missing \"ts\"")) }
        guard case .string(let tsText) = ts else { return .failure(.init(reason: "\"ts\" is not a string")) }
        guard let time = RFC3339.parse(tsText) else {
            return .failure(.init(reason: "\"ts\" is not an RFC 3339 time: \(tsText.debugDescription)"))
        }
        guard let kind else { return .failure(.init(reason: "missing \"kind\"")) }
        guard case .string(let kindName) = kind else { return .failure(.init(reason: "\"kind\" is not a string")) }
        var result = fields
        result.ts = time
        result.kind = EventKind(name: kindName)
        return .success(result)
    }

    // A known field with the wrong type is kept as an unknown one: the line still counts.
    private mutating func string(_ key: String, _ value: JSONValue) -> String? {
        if case .string(let text) = value { return text }
        keep(key, value)
        return nil
    }

    private mutating func time(_ key: String, _ value: JSONValue) -> Timestamp? {
        if case .string(let text) = value, let time = RFC3339.parse(text) { return time }
        keep(key, value)
        return nil
    }

    private mutating func number(_ key: String, _ value: JSONValue) -> Double? {
        if case .number(let number) = value { return number }
        keep(key, value)
        return nil
    }

    private mutating func integer(_ key: String, _ value: JSONValue) -> Int? {
        if case .number(let number) = value, number == number.rounded(), abs(number) < 1e15 { return Int(number) }
        keep(key, value)
        return nil
    }

    private mutating func keep(_ key: String, _ value: JSONValue) {
        if let index = fields.extra.firstIndex(where: { $0.key == key }) {
            fields.extra[index].value = value
        } else {
            fields.extra.append(.init(key: key, value: value))
        }
    }
}
