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
        // The flat reader checks the UTF-8 of what it takes, as it goes.
        if let event = FlatLineDecoder.decode(line) { return .success(event) }
        guard isValidUTF8(line) else { return .failure(BadLine(reason: "not valid UTF-8")) }
        return decodeInGeneral(line)
    }

    /// Any line of valid UTF-8, however it is written: what the flat reader declines comes here.
    static func decodeInGeneral(_ line: UnsafeRawBufferPointer) -> Result<Event, BadLine> {
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
    /// The event's own storage, filled in place: a `Fields` value built here and copied into the
    /// event at the end cost a retain and a release of each of its strings, a fifth of `summary`.
    let storage = Event.Storage()

    mutating func set(_ key: UnsafeRawBufferPointer, _ value: Value) {
        switch FieldName.lookup(key) {
        case .ts: setTime(value)
        case .kind: setKind(value)
        case .field(let field): set(field, value)
        case nil: keep(String(decoding: key, as: UTF8.self), value)
        }
    }

    // Each value is decoded before it is stored: one of the wrong type goes to `extra` meanwhile.
    private mutating func set(_ field: EventField, _ value: Value) {
        switch field.value {
        case .string(let slot): let decoded = string(field.key, value); slot.set(&storage.fields, decoded)
        case .time(let slot): let decoded = time(field.key, value); slot.set(&storage.fields, decoded)
        case .number(let slot): let decoded = number(field.key, value); slot.set(&storage.fields, decoded)
        case .integer(let slot): let decoded = integer(field.key, value); slot.set(&storage.fields, decoded)
        }
    }

    consuming func event() -> Result<Event, EventDecoder.BadLine> {
        if let timeProblem { return .failure(.init(reason: timeProblem)) }
        if let kindProblem { return .failure(.init(reason: kindProblem)) }
        return .success(Event(ts: time!, kind: kind!, storage: storage))
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
    private mutating func string(_ key: StaticString, _ value: Value) -> String? {
        switch value {
        case .unescapedString(let raw): return String(decoding: raw, as: UTF8.self)
        case .value(.string(let text)): return text
        case .value: keep(key.description, value); return nil
        }
    }

    private mutating func time(_ key: StaticString, _ value: Value) -> Timestamp? {
        let parsed: Timestamp?
        switch value {
        case .unescapedString(let raw): parsed = RFC3339.parse(raw)
        case .value(.string(let text)): parsed = RFC3339.parse(text)
        case .value: parsed = nil
        }
        if parsed == nil { keep(key.description, value) }
        return parsed
    }

    private mutating func number(_ key: StaticString, _ value: Value) -> Double? {
        if case .value(.number(let number)) = value { return number }
        keep(key.description, value)
        return nil
    }

    private mutating func integer(_ key: StaticString, _ value: Value) -> Int? {
        if case .value(.number(let number)) = value, number == number.rounded(), abs(number) < 1e15 { return Int(number) }
        keep(key.description, value)
        return nil
    }

    private mutating func keep(_ key: String, _ value: Value) {
        let json: JSONValue
        switch value {
        case .unescapedString(let raw): json = .string(String(decoding: raw, as: UTF8.self))
        case .value(let other): json = other
        }
        if let index = storage.extra.firstIndex(where: { $0.key == key }) {
            storage.extra[index].value = json
        } else {
            storage.extra.append(.init(key: key, value: json))
        }
    }
}
