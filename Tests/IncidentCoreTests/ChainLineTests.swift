import Testing
@testable import IncidentCore

/// `verify` reads a line's `prev` and `id` without decoding the event (`ChainLine`). It must call
/// exactly the lines bad that the reader calls bad, with the same reason, and read the same
/// `prev` and `id` from the rest: checked here against `EventDecoder` itself.
@Suite struct ChainLineTests {
    static let hash = ChainHash.of(Array("a line".utf8))

    @Test("hand-picked lines: same verdict, reason, prev and id as the decoder", arguments: [
        #"{"ts":"2023-06-01T09:00:00Z","kind":"note","text":"plain"}"#,
        #"{"ts":"2023-06-01T09:00:00Z","kind":"note","id":"abc","prev":"\#(hash)"}"#,
        #"{"ts":"2023-06-01T09:00:00Z","kind":"note","prev":"\#(hash.uppercased())"}"#,
        #"{"ts":"2023-06-01T09:00:00Z","kind":"note","prev":"\#(hash.dropLast())"}"#,
        #"{"ts":"2023-06-01T09:00:00Z","kind":"note","prev":""}"#,
        #"{"ts":"2023-06-01T09:00:00Z","kind":"note","prev":42}"#,
        #"{"ts":"2023-06-01T09:00:00Z","kind":"note","prev":null,"id":7}"#,
        #"{"ts":"2023-06-01T09:00:00Z","kind":"note","prev":"\u0061\#(hash.dropFirst())"}"#,
        #"{"ts":"2023-06-01T09:00:00Z","kind":"note","\u0070rev":"\#(hash)","i\u0064":"escaped keys"}"#,
        #"{"ts":"2023-06-01T09:00:00Z","kind":"note","prev":"\#(hash)","prev":"later wins"}"#,
        #"{"ts":"2023-06-01T09:00:00Z","kind":"note","prev":"\#(hash)","prev":false}"#,
        #"{"ts":"2023-06-01T09:00:00Z","kind":"note","id":"one","id":"two"}"#,
        #"{"ts":"2023-06-01T09:00:00Z","kind":"note","id":"\u001b]2;x\u0007"}"#,
        #"{"ts":"2023-06-01T09:00:00Z","kind":"note","id":"a-very-long-id-from-another-tool"}"#,
        #"{"ts":"2023-06-01T09:00:00Z","kind":"note","text":{"nested":["prev",{"id":1}]}}"#,
        #"{"kind":"note"}"#,
        #"{"ts":"yesterday","kind":"note"}"#,
        #"{"ts":"\u0032023-06-01T09:00:00Z","kind":"note"}"#,
        #"{"ts":"2023-06-01T09:00:00Z\u0000","kind":"note"}"#,
        #"{"ts":1685610000,"kind":"note"}"#,
        #"{"ts":"2023-06-01T09:00:00Z"}"#,
        #"{"ts":"2023-06-01T09:00:00Z","kind":3}"#,
        #"{"ts":"2023-06-01T09:00:00Z","kind":"note","ts":"bad"}"#,
        #"{"ts":"bad","kind":"note","ts":"2023-06-01T09:00:00Z"}"#,
        #"{"ts":"2023-06-01T09:00:00Z","kind":null,"kind":"note"}"#,
        #"{"ts":"2023-06-01T09:00:00Z","kind":"note""#,
        #"{"ts":"2023-06-01T09:00:00Z","kind":"note"} trailing"#,
        #"["not","an","object"]"#,
        "",
        "   ",
        #"{"ts":"2023-06-01T09:00:00Z","kind":"n\#u{00e9}te","text":"caf\#u{00e9} \#u{1F525}"}"#,
    ])
    func handPicked(line: String) {
        expectAgreement(Array(line.utf8))
    }

    @Test func invalidUTF8IsBadForBoth() {
        expectAgreement(Array(#"{"ts":"2023-06-01T09:00:00Z","kind":"note","text":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8))
    }

    @Test("thousands of generated documents, valid and broken, some with ts, kind, prev and id")
    func generatedCorpus() {
        var generator = JSONCorpusGenerator(seed: 0xC4A1_2)
        for index in 0..<2_000 {
            let document = generator.document()
            // The generator's objects rarely name the journal's members: graft them on.
            let members = [#""ts":"2023-06-01T09:00:00Z","kind":"note""#, #""prev":"\#(Self.hash)""#, #""id":"n\#(index % 50)""#]
            let grafted = "{" + members.prefix(index % 4).joined(separator: ",") + (index % 4 == 0 ? "" : ",") + document.dropFirst()
            for text in [document, grafted, generator.broken(grafted)] {
                expectAgreement(Array(text.utf8))
            }
        }
    }

    @Test func theHashIsTheChainHash() {
        let line = Array(#"{"ts":"2023-06-01T09:00:00Z","kind":"note"}"#.utf8)
        let checked = line.withUnsafeBytes { ChainLine($0) }
        #expect(checked.hash.hex == ChainHash.of(line))
        let prefix = Array(ChainHash.of(line).prefix(9).utf8)
        #expect(checked.hash.hasHexPrefix(prefix))
        #expect(!checked.hash.hasHexPrefix(prefix.dropLast() + [prefix.last == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")]))
        #expect(Self.hash.utf8.withContiguousStorageIfAvailable { LineHash(hex: UnsafeRawBufferPointer($0))?.hex } == Self.hash)
    }

    private func expectAgreement(_ line: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let checked = line.withUnsafeBytes { ChainLine($0) }
        let text = String(decoding: line, as: UTF8.self).debugDescription
        switch EventDecoder.decode(line) {
        case .failure(let bad):
            #expect(checked.badReason == bad.reason, "\(text)", sourceLocation: sourceLocation)
        case .success(let event):
            #expect(checked.badReason == nil, "\(text)", sourceLocation: sourceLocation)
            #expect(checked.id == event.id, "\(text)", sourceLocation: sourceLocation)
            let expected: ChainLine.Prev = event.prev.map { prev in
                prev.utf8.withContiguousStorageIfAvailable { LineHash(hex: UnsafeRawBufferPointer($0)) }?.map(ChainLine.Prev.hash) ?? .unmatchable
            } ?? .absent
            #expect(checked.prev == expected, "\(text)", sourceLocation: sourceLocation)
            if case .hash(let hash) = checked.prev { #expect(hash.hex == event.prev, "\(text)", sourceLocation: sourceLocation) }
        }
    }
}

@Suite struct SeenIDsTests {
    @Test func theFirstUseOfEachIDIsKept() {
        var seen = SeenIDs()
        #expect(seen.firstUse(of: "0123456789ab", onLine: 1) == nil)
        #expect(seen.firstUse(of: "0123456789ac", onLine: 2) == nil)
        #expect(seen.firstUse(of: "0123456789ab", onLine: 3) == 1)
        #expect(seen.firstUse(of: "0123456789ab", onLine: 4) == 1)
        // Length is part of the id: a NUL-padded id is another id.
        #expect(seen.firstUse(of: "ab", onLine: 5) == nil)
        #expect(seen.firstUse(of: "ab\u{0}", onLine: 6) == nil)
        #expect(seen.firstUse(of: "", onLine: 7) == nil)
        #expect(seen.firstUse(of: "", onLine: 8) == 7)
        // Past 15 bytes an id is kept apart, the same way.
        let long = "an-id-longer-than-fifteen-bytes"
        #expect(seen.firstUse(of: long, onLine: 9) == nil)
        #expect(seen.firstUse(of: long, onLine: 10) == 9)
        #expect(seen.firstUse(of: "café-écrit", onLine: 11) == nil)
        #expect(seen.firstUse(of: "café-écrit", onLine: 12) == 11)
    }

    @Test func growingKeepsEveryID() {
        var seen = SeenIDs()
        for line in 1...20_000 { #expect(seen.firstUse(of: "id\(line)", onLine: line) == nil) }
        for line in stride(from: 1, through: 20_000, by: 997) {
            #expect(seen.firstUse(of: "id\(line)", onLine: 30_000 + line) == line)
        }
    }
}
