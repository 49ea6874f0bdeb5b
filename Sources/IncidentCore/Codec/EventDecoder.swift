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
    typealias Value = JSONParser.MemberValue

    var time: Timestamp?
    var timeProblem: String? = "missing \"ts\""
    var kind: EventKind?
    var kindProblem: String? = "missing \"kind\""
    var fields = Event(ts: Timestamp(microseconds: 0), kind: .note)

    mutating func set(_ key: UnsafeRawBufferPointer, _ value: Value) {
        guard let name = FieldName.lookup(key) else {
            keep(String(decoding: key, as: UTF8.self), value)
            return
        }
        switch name {
        case .ts: setTime(value)
        case .kind: setKind(value)
        case .actor: fields.actor = string(name, value)
        case .text: fields.text = string(name, value)
        case .logged: fields.logged = time(name, value)
        case .id: fields.id = string(name, value)
        case .prev: fields.prev = string(name, value)
        case .title: fields.title = string(name, value)
        case .severity: fields.severity = string(name, value)
        case .impact: fields.impact = string(name, value)
        case .started: fields.started = time(name, value)
        case .state: fields.state = string(name, value)
        case .role: fields.role = string(name, value)
        case .who: fields.who = string(name, value)
        case .to: fields.to = string(name, value)
        case .service: fields.service = string(name, value)
        case .level: fields.level = string(name, value)
        case .ref: fields.ref = string(name, value)
        case .owner: fields.owner = string(name, value)
        case .pool: fields.pool = string(name, value)
        case .latencyMs: fields.latencyMs = number(name, value)
        case .errorRate: fields.errorRate = number(name, value)
        case .inUse: fields.inUse = integer(name, value)
        case .max: fields.max = integer(name, value)
        case .waiting: fields.waiting = integer(name, value)
        case .idle: fields.idle = integer(name, value)
        }
    }

    consuming func event() -> Result<Event, EventDecoder.BadLine> {
        if let timeProblem { return .failure(.init(reason: timeProblem)) }
        if let kindProblem { return .failure(.init(reason: kindProblem)) }
        var result = fields
        result.ts = time!
        result.kind = kind!
        return .success(result)
    }

    private mutating func setTime(_ value: Value) {
        switch value {
        case .unescapedString(let raw):
            time = RFC3339.parse(raw)
            timeProblem = time == nil
                ? "\"ts\" is not an RFC 3339 time: \(SafeText.quoted(String(decoding: raw, as: UTF8.self)))" : nil
        case .value(.string(let text)):
            time = RFC3339.parse(text)
            timeProblem = time == nil ? "\"ts\" is not an RFC 3339 time: \(SafeText.quoted(text))" : nil
        case .value:
            timeProblem = "\"ts\" is not a string"
        }
    }

    private mutating func setKind(_ value: Value) {
        switch value {
        case .unescapedString(let raw): kind = EventKind.lookup(raw); kindProblem = nil
        case .value(.string(let text)): kind = EventKind(name: text); kindProblem = nil
        case .value: kindProblem = "\"kind\" is not a string"
        }
    }

    // A known field with the wrong type is kept as an unknown one: the line still counts.
    private mutating func string(_ name: FieldName, _ value: Value) -> String? {
        switch value {
        case .unescapedString(let raw): return String(decoding: raw, as: UTF8.self)
        case .value(.string(let text)): return text
        case .value: keep(name.key, value); return nil
        }
    }

    private mutating func time(_ name: FieldName, _ value: Value) -> Timestamp? {
        let parsed: Timestamp?
        switch value {
        case .unescapedString(let raw): parsed = RFC3339.parse(raw)
        case .value(.string(let text)): parsed = RFC3339.parse(text)
        case .value: parsed = nil
        }
        if parsed == nil { keep(name.key, value) }
        return parsed
    }

    private mutating func number(_ name: FieldName, _ value: Value) -> Double? {
        if case .value(.number(let number)) = value { return number }
        keep(name.key, value)
        return nil
    }

    private mutating func integer(_ name: FieldName, _ value: Value) -> Int? {
        if case .value(.number(let number)) = value, number == number.rounded(), abs(number) < 1e15 { return Int(number) }
        keep(name.key, value)
        return nil
    }

    private mutating func keep(_ key: String, _ value: Value) {
        let json: JSONValue
        switch value {
        case .unescapedString(let raw): json = .string(String(decoding: raw, as: UTF8.self))
        case .value(let other): json = other
        }
        if let index = fields.extra.firstIndex(where: { $0.key == key }) {
            fields.extra[index].value = json
        } else {
            fields.extra.append(.init(key: key, value: json))
        }
    }
}
