import Testing
@testable import IncidentCore

@Suite struct EventCodecTests {
    func decode(_ line: String) -> Result<Event, EventDecoder.BadLine> {
        EventDecoder.decode(Array(line.utf8))
    }

    @Test func decodesEveryContractField() throws {
        let line = #"{"ts":"2023-06-01T09:15:05Z","kind":"pool","pool":"primary","in_use":50,"max":50,"waiting":37,"idle":0,"actor":"collector","id":"a1","prev":"\#(String(repeating: "0", count: 64))"}"#
        let event = try decode(line).get()
        #expect(event.kind == .pool)
        #expect(event.pool == "primary")
        #expect(event.inUse == 50 && event.max == 50 && event.waiting == 37 && event.idle == 0)
        #expect(event.actor == "collector")
        #expect(event.ts == time("2023-06-01T09:15:05Z"))
    }

    @Test func keepsUnknownKindsAndFields() throws {
        let event = try decode(#"{"ts":"2023-06-01T09:15:00Z","kind":"page","pager":"pd","n":[1,{"x":null}],"text":"hi"}"#).get()
        #expect(event.kind == .other("page"))
        #expect(event.text == "hi")
        #expect(event.extra.map(\.key) == ["pager", "n"])
        #expect(event.extra[1].value == .array([.number(1), .object([("x", .null)])]))
    }

    @Test func aKnownFieldOfTheWrongTypeIsKeptNotFatal() throws {
        let event = try decode(#"{"ts":"2023-06-01T09:15:00Z","kind":"pool","pool":"p","in_use":"50","max":50.5}"#).get()
        #expect(event.inUse == nil)
        #expect(event.max == nil)
        #expect(event.extra.map(\.key) == ["in_use", "max"])
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let event = try decode(#"{"ts":"2023-06-01T09:15:00Z","kind":"note","text":"a\"b\\c\/d\n\u00e9\ud83d\udd25\u001b"}"#).get()
        #expect(event.text == "a\"b\\c/d\n\u{e9}🔥\u{1B}")
    }

    @Test(arguments: [
        ("", "empty line"),
        ("[1,2]", "not a JSON object"),
        ("{\"ts\":\"2023-06-01T09:15:00Z\",\"kind\":\"note\"", "expected ',' or '}'"),
        ("{\"ts\":\"2023-06-01T09:15:00Z\",\"kind\":\"note\"} x", "unexpected text after the object"),
        ("{\"kind\":\"note\"}", "missing \"ts\""),
        ("{\"ts\":\"2023-06-01T09:15:00Z\"}", "missing \"kind\""),
        ("{\"ts\":\"yesterday\",\"kind\":\"note\"}", "not an RFC 3339 time"),
        ("{\"ts\":1685610900,\"kind\":\"note\"}", "\"ts\" is not a string"),
        ("{\"ts\":\"2023-06-01T09:15:00Z\",\"kind\":7}", "\"kind\" is not a string"),
        ("{\"ts\":\"2023-06-01T09:15:00Z\",\"kind\":\"note\",\"text\":\"a\tb\"}", "raw control character"),
        ("{\"ts\":\"2023-06-01T09:15:00Z\",\"kind\":\"note\",\"n\":01}", "leading zero"),
        ("{\"ts\":\"2023-06-01T09:15:00Z\",\"kind\":\"note\",\"n\":tru}", "unexpected character"),
    ])
    func badLinesSayWhy(_ line: String, _ reason: String) {
        guard case .failure(let bad) = decode(line) else {
            Issue.record("accepted a bad line: \(line)")
            return
        }
        #expect(bad.reason.contains(reason), "\(bad.reason)")
    }

    @Test func invalidUTF8IsABadLine() {
        var bytes = Array(#"{"ts":"2023-06-01T09:15:00Z","kind":"note","text":"caf"#.utf8)
        bytes += [0xC3, 0x28]  // a lead byte followed by an ASCII byte
        bytes += Array(#""}"#.utf8)
        guard case .failure(let bad) = EventDecoder.decode(bytes) else {
            Issue.record("accepted invalid UTF-8")
            return
        }
        #expect(bad.reason == "not valid UTF-8")
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let line = #"{"ts":"2023-06-01T09:15:00Z","kind":"note","x":"# + deep + "}"
        guard case .failure(let bad) = decode(line) else {
            Issue.record("accepted 10,000 levels of nesting")
            return
        }
        #expect(bad.reason.contains("nested deeper"))
    }

    @Test func encodingThenDecodingGivesTheSameEvent() throws {
        var original = event("2023-06-01T09:15:00.125Z", .escalation, text: "restart did not help \"twice\"\n") {
            $0.to = "database administration"
            $0.logged = time("2023-06-01T09:16:00Z")
            $0.id = "abc"
            $0.extra = [.init(key: "ticket", value: .string("INC-7"))]
        }
        original.prev = String(repeating: "f", count: 64)
        let line = EventEncoder.encode(original)
        #expect(!line.contains(0x0A), "a line must not contain a raw newline")
        #expect(try EventDecoder.decode(line).get() == original)
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.hasPrefix(#"{"ts":"2023-06-01T09:15:00.125000Z","kind":"escalation","to":"database administration""#))
        #expect(text.hasSuffix(#""prev":"\#(String(repeating: "f", count: 64))"}"#))
    }
}
