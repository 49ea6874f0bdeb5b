import Testing
@testable import IncidentCore

/// `timeline` and `report` check every byte they print, and the report every piece of journal
/// text it quotes, with `EscapeScan` instead of reading scalars: it must find what `SafeText`
/// escapes wherever it lies, inside or across the words it reads eight bytes at a time.
@Suite struct EscapeScanTests {
    @Test func findsWhatSafeTextEscapesWhereverItLies() {
        let texts = ByteTextTests.texts + ["line\nbreak", "\n", "ok\u{7F}", "\u{85}", "\u{2029}", "\u{9F}", "\u{A0} nbsp"]
        for text in texts {
            for padding in 0..<9 {
                let padded = String(repeating: "p", count: padding) + text + String(repeating: "s", count: 9 - padding)
                let escapes = padded.unicodeScalars.filter(SafeText.needsEscape)
                for allowingNewlines in [false, true] {
                    let safe = Array(padded.utf8).withUnsafeBytes {
                        EscapeScan.isTerminalSafe($0, allowingNewlines: allowingNewlines)
                    }
                    let expected = escapes.allSatisfy { allowingNewlines && $0 == "\n" }
                    #expect(safe == expected, "\(padded.debugDescription) allowingNewlines: \(allowingNewlines)")
                }
            }
        }
        let cut: [UInt8] = Array("twelve bytes".utf8) + [0xE2, 0x80]
        #expect(!cut.withUnsafeBytes { EscapeScan.isTerminalSafe($0, allowingNewlines: true) })
    }
}
