import Testing
@testable import IncidentCore

/// The flat reader (`FlatLineDecoder`) is a second way to read a line, for speed; the general path
/// (`EventDecoder.decodeInGeneral`) is the reference. On every line, the flat reader either
/// declines or makes the very event the general path makes, and `EventDecoder.decode`, which
/// tries it first, gives what the general path gives: the same event, or the same reason.
@Suite struct FlatLineDecoderTests {
    static let time = "2023-06-01T09:15:00.250Z"

    @Test("tricky lines: the flat reader takes the plain ones, declines the rest, and agrees", arguments: [
        // Taken by the flat reader.
        (#"{"ts":"2023-06-01T09:15:00.250Z","kind":"pool","pool":"primary","in_use":50,"max":50,"waiting":37,"idle":0,"actor":"collector"}"#, true),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"health","service":"api","state":"down","latency_ms":812.5,"error_rate":0.25,"text":"HTTP 503"}"#, true),
        (#"{"ts":"2023-06-01T11:15:00+02:00","kind":"note","text":"café 中文 😀 \#u{7F} e\#u{301}","actor":"ö"}"#, true),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"page","pager":"pd","n":-0,"m":0.5,"o":-12.250,"p":9007199254740992}"#, true),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"pool","in_use":1.0,"max":-0.0,"waiting":999999999999999}"#, true),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"note","service":"a","service":"b","x":"1","y":2,"x":3}"#, true),
        (#"{"ts":"2020-01-01T00:00:00Z","kind":"note","ts":"2023-06-01T09:15:00Z","kind":"status","kind":"cause"}"#, true),
        (#"{"kind":"task","ts":"2023-06-01t09:15:00.123456z","logged":"2023-06-01 09:15:01Z","started":"2023-06-01T09:00:00-05:30"}"#, true),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"","":"","kindx":"k","t":"","tsx":1}"#, true),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"declare","title":"}{,:[]"}"#, true),
        // Declined: the general path reads them (or refuses them with its reason).
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"note","text":"a\"b\\c\/d\n\u00e9\ud83d\udd25"}"#, false),
        (#"{"\u0074s":"2023-06-01T09:15:00Z","kind":"note"}"#, false),
        (#"{ "ts":"2023-06-01T09:15:00Z","kind":"note"}"#, false),
        (#"{"ts" :"2023-06-01T09:15:00Z","kind":"note"}"#, false),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"note"} "#, false),
        ("{\"ts\":\"2023-06-01T09:15:00Z\",\"kind\":\"note\"}\r", false),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"note","n":1234567890123456789}"#, false),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"note","n":123456789012345678}"#, false),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"note","n":9007199254740993}"#, false),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"note","n":1e3,"m":1E-2}"#, false),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"note","n":01}"#, false),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"note","n":1.}"#, false),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"note","n":-}"#, false),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"note","n":.5}"#, false),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"note","b":true,"c":null,"d":[1],"e":{"f":2}}"#, false),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"pool","in_use":"50"}"#, false),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"pool","max":50.5}"#, false),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"pool","idle":1000000000000000}"#, false),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"health","latency_ms":"slow"}"#, false),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"note","text":7}"#, false),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"note","logged":"yesterday"}"#, false),
        (#"{"ts":"yesterday","kind":"note"}"#, false),
        (#"{"ts":1685610900,"kind":"note"}"#, false),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":7}"#, false),
        (#"{"ts":"2023-06-01T09:15:00Z"}"#, false),
        (#"{"kind":"note"}"#, false),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"note","#, false),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"note",}"#, false),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"note""#, false),
        (#"{"ts":"2023-06-01T09:15:00Z","kind":"note"}}"#, false),
        ("{\"ts\":\"2023-06-01T09:15:00Z\",\"kind\":\"note\",\"text\":\"a\tb\"}", false),
        ("{}", false), ("", false), ("{", false), ("[1]", false), ("\"x\"", false),
    ])
    func trickyLine(_ line: String, takenByTheFlatReader: Bool) {
        let bytes = Array(line.utf8)
        let flat = bytes.withUnsafeBytes { FlatLineDecoder.decode($0) }
        #expect((flat != nil) == takenByTheFlatReader, "\(line)")
        if let disagreement = Self.disagreement(bytes) { Issue.record("\(disagreement): \(line)") }
    }

    /// The flat reader checks UTF-8 as it scans, in place of the separate pass: a line that is not
    /// UTF-8 must still be declined and named as such, wherever the bad bytes are.
    @Test("a line that is not UTF-8 is declined and still called so", arguments: [
        [0xC3, 0x28], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xE2, 0x82],
        [0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0xC3, 0xA9, 0x80],
    ] as [[UInt8]])
    func invalidUTF8(_ bad: [UInt8]) {
        let head = Array(#"{"ts":"2023-06-01T09:15:00Z","kind":"note","#.utf8)
        let lines = [
            head + Array(#""text":"é"#.utf8) + bad + Array(#"","actor":"a"}"#.utf8),
            head + Array(#""text":""#.utf8) + bad + Array(#""}"#.utf8),
            head + Array(#""x"#.utf8) + bad + Array(#"":"b"}"#.utf8),
        ]
        for line in lines {
            #expect(line.withUnsafeBytes { FlatLineDecoder.decode($0) } == nil)
            #expect(EventDecoder.decode(line) == .failure(.init(reason: "not valid UTF-8")))
        }
    }

    @Test("generated event lines, plain and odd, valid and broken: the same event or the same reason")
    func generatedLinesAgree() {
        var generator = JSONCorpusGenerator(seed: 0xF1A7_11E5)
        var takenByTheFlatReader = 0
        var lines = 0
        for _ in 0..<6_000 {
            let line = Self.eventLine(&generator)
            for text in [line, generator.broken(line)] {
                let bytes = Array(text.utf8)
                lines += 1
                if bytes.withUnsafeBytes({ FlatLineDecoder.decode($0) }) != nil { takenByTheFlatReader += 1 }
                if let disagreement = Self.disagreement(bytes) { Issue.record("\(disagreement): \(text.debugDescription)") }
            }
        }
        // Both readers must be exercised, or agreement means nothing.
        #expect(takenByTheFlatReader >= 1_000 && lines - takenByTheFlatReader >= 1_000, "\(takenByTheFlatReader) of \(lines)")
    }

    /// Nil when the readers agree on `line`, else what differs.
    static func disagreement(_ line: [UInt8]) -> String? {
        let general = line.withUnsafeBytes { EventDecoder.isValidUTF8($0) ? EventDecoder.decodeInGeneral($0) : nil }
        let whole = EventDecoder.decode(line)
        guard let general else {
            return whole == .failure(.init(reason: "not valid UTF-8")) ? nil : "invalid UTF-8 read as \(whole)"
        }
        if whole != general { return "decode gave \(whole), the general path \(general)" }
        guard let flat = line.withUnsafeBytes({ FlatLineDecoder.decode($0) }) else { return nil }
        guard case .success(let event) = general else { return "the flat reader took a line the general path refuses" }
        if flat != event { return "the flat reader made \(flat), the general path \(event)" }
        // `==` takes -0.0 for 0.0; the encoded line tells them apart.
        if EventEncoder.encode(flat) != EventEncoder.encode(event) { return "the two events encode differently" }
        return nil
    }

    /// A line of members a journal holds, each of the right type, a wrong one or an odd spelling.
    static func eventLine(_ generator: inout JSONCorpusGenerator) -> String {
        var members: [String] = []
        if generator.chance(0.95) { members.append(#""ts":"# + timeValue(&generator)) }
        if generator.chance(0.95) {
            members.append(#""kind":"# + generator.pick([#""note""#, #""pool""#, #""health""#, #""page""#, #""""#, #""n\u006fte""#, "7"]))
        }
        // Half the lines have only members of the contract's types, most of which the flat reader takes.
        if generator.chance(0.5) {
            members = ["\"ts\":\"\(time)\"", #""kind":"# + generator.pick([#""note""#, #""pool""#, #""page""#])]
            for _ in 0..<generator.int(0..<8) { members.append(plainMember(&generator)) }
            return "{" + members.joined(separator: ",") + "}"
        }
        for _ in 0..<generator.int(0..<8) {
            let key = generator.pick([
                "text", "actor", "service", "state", "pool", "in_use", "max", "idle", "latency_ms", "error_rate",
                "logged", "started", "id", "prev", "ticket", "n", "é", "ts", "kind", "in_usé", "latency_msx",
            ])
            members.append("\"\(key)\":" + memberValue(&generator))
        }
        if generator.chance(0.3), members.count > 1 {
            for index in members.indices.dropLast() { members.swapAt(index, generator.int(index..<members.count)) }
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    private static func plainMember(_ generator: inout JSONCorpusGenerator) -> String {
        let key = generator.pick(["text", "actor", "service", "pool", "in_use", "max", "idle", "latency_ms", "logged", "ticket", "n", "é"])
        let value: String
        switch key {
        case "in_use", "max", "idle": value = generator.pick(["0", "-0", "1", "50", "1.0", "999999999999999"])
        case "latency_ms", "n": value = generator.number()
        case "logged": value = "\"\(time)\""
        default: value = generator.chance(0.2) ? generator.string() : generator.pick([#""plain""#, #""""#, #""é 中文 😀""#, #""a b c d e f g h""#])
        }
        return "\"\(key)\":" + value
    }

    private static func timeValue(_ generator: inout JSONCorpusGenerator) -> String {
        generator.pick([
            "\"\(time)\"", #""2023-06-01T09:15:00Z""#, #""2023-02-30T09:15:00Z""#, #""2023-06-01T09:15:00+01:00""#,
            #""\u0032023-06-01T09:15:00Z""#, #""yesterday""#, "1685610900",
        ])
    }

    private static func memberValue(_ generator: inout JSONCorpusGenerator) -> String {
        switch generator.int(0..<6) {
        case 0: return generator.number()
        case 1: return generator.string()
        case 2: return generator.value(depth: 1)
        case 3: return timeValue(&generator)
        case 4: return generator.pick(["0", "-0", "1", "50", "1.0", "50.5", "999999999999999", "1e2", "-3", #""plain""#, #""""#])
        default: return #""w\#(String(repeating: "x", count: generator.int(0..<20)))""#
        }
    }
}
