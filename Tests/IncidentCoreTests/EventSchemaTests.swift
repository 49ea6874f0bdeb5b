import Testing
@testable import IncidentCore

/// The schema (`Event.Fields` and the `EventField` table) is the only place a field is declared;
/// these tests check that what is declared is really decoded and encoded, byte for byte as before.
@Suite struct EventSchemaTests {
    @Test func everyPropertyOfFieldsHasAnEntryInTheTable() {
        let fields = everyFieldSet()
        let unset = Mirror(reflecting: fields).children.filter { isNil($0.value) }.compactMap(\.label)
        #expect(unset.isEmpty, "declared in Event.Fields but not in EventField.leading or .trailing: \(unset)")
        #expect(Mirror(reflecting: fields).children.count == EventField.all.count, "a property has two entries")
    }

    @Test func namesInALineAreDistinctAndLeaveTsAndKindAlone() {
        let keys = EventField.all.map(\.name)
        #expect(Set(keys).count == keys.count)
        #expect(!keys.contains("ts") && !keys.contains("kind"))
    }

    @Test(arguments: EventField.all.map(\.name))
    func eachFieldAloneIsWrittenAndReadBack(_ key: String) throws {
        let field = try #require(EventField.all.first { $0.name == key })
        var fields = Event.Fields()
        setSample(field, at: 0, in: &fields)
        let original = Event(ts: time("2023-06-01T09:15:00Z"), kind: .note, fields: fields, extra: [])

        let line = String(decoding: EventEncoder.encode(original), as: UTF8.self)
        #expect(line.hasPrefix(#"{"ts":"2023-06-01T09:15:00.000000Z","kind":"note","\#(key)":"#), "\(line)")
        let decoded = try EventDecoder.decode(Array(line.utf8)).get()
        #expect(decoded == original)
        #expect(decoded.extra.isEmpty, "\(key) was read back as an unknown field")
    }

    @Test func everyFieldAtOnceRoundTripsInTheTablesOrder() throws {
        let original = Event(ts: time("2023-06-01T09:15:00Z"), kind: .pool, fields: everyFieldSet(),
                             extra: [.init(key: "ticket", value: .string("INC-7"))])
        let line = EventEncoder.encode(original)
        #expect(try EventDecoder.decode(line).get() == original)

        var keys: [String] = []
        try line.withUnsafeBytes { bytes in
            try JSONParser.parseObject(bytes) { key, _ in keys.append(String(decoding: key, as: UTF8.self)) }
        }
        #expect(keys == ["ts", "kind"] + EventField.leading.map(\.name) + ["ticket"] + EventField.trailing.map(\.name))
    }

    /// The bytes sitrep writes for an event with every field: the journal format is a contract and
    /// lines are hashed, so not one byte may move unnoticed. (Times have been written with six
    /// fraction digits since lnav had to read every line alike; before, `.500Z` and `09:16:00Z`.)
    @Test func aFullEventIsWrittenByteForByte() {
        var event = Event(ts: time("2023-06-01T09:15:00.5Z"), kind: .declare, actor: "alice", text: "a \"b\"\n")
        event.title = "Outage"; event.severity = "SEV1"; event.impact = "all"; event.started = time("2023-06-01T09:00:00Z")
        event.state = "down"; event.role = "ops"; event.who = "bob"; event.to = "dba"; event.service = "web"
        event.level = "critical"; event.ref = "r1"; event.owner = "carol"; event.pool = "primary"
        event.inUse = 50; event.max = 50; event.waiting = 37; event.idle = 0; event.latencyMs = 12.5; event.errorRate = 0.25
        event.extra = [.init(key: "automated", value: .bool(true))]
        event.logged = time("2023-06-01T09:16:00Z"); event.id = "4k2x9q0m1c7d"; event.prev = String(repeating: "a", count: 64)

        let expected = #"{"ts":"2023-06-01T09:15:00.500000Z","kind":"declare","title":"Outage","severity":"SEV1","impact":"all","started":"2023-06-01T09:00:00.000000Z","state":"down","role":"ops","who":"bob","to":"dba","service":"web","level":"critical","ref":"r1","owner":"carol","pool":"primary","in_use":50,"max":50,"waiting":37,"idle":0,"latency_ms":12.5,"error_rate":0.25,"actor":"alice","text":"a \"b\"\n","automated":true,"logged":"2023-06-01T09:16:00.000000Z","id":"4k2x9q0m1c7d","prev":"\#(String(repeating: "a", count: 64))"}"#
        #expect(String(decoding: EventEncoder.encode(event), as: UTF8.self) == expected)
    }

    @Test func copiesShareStorageUntilOneChanges() {
        var first = Event(ts: time("2023-06-01T09:15:00Z"), kind: .note, text: "one")
        var second = first
        #expect(first == second)
        second.service = "web"
        #expect(first.service == nil && second.service == "web")
        #expect(first != second)
        first.service = "web"
        #expect(first == second)
    }

    // MARK: - Helpers

    /// A value of the field's type, different for each `index`.
    private func setSample(_ field: EventField, at index: Int, in fields: inout Event.Fields) {
        switch field.value {
        case .string(let slot): slot.set(&fields, "value of \(field.key)")
        case .time(let slot): slot.set(&fields, Timestamp(microseconds: 1_685_610_900_000_000 + Int64(index) * 1_000_000))
        case .number(let slot): slot.set(&fields, 12.5 + Double(index))
        case .integer(let slot): slot.set(&fields, index + 1)
        }
    }

    private func everyFieldSet() -> Event.Fields {
        var fields = Event.Fields()
        for (index, field) in EventField.all.enumerated() { setSample(field, at: index, in: &fields) }
        return fields
    }

    private func isNil(_ value: Any) -> Bool {
        let mirror = Mirror(reflecting: value)
        return mirror.displayStyle == .optional && mirror.children.isEmpty
    }
}
