import Testing
@testable import SitrepTUI

@Suite("Screen: nothing raw reaches the terminal")
struct ScreenSafetyTests {
    static let hostile = "\u{1B}[2J\u{1B}]0;pwned\u{07}evil\r\u{202E}txt"

    @Test func hostileTextLandsAsVisibleEscapes() {
        var screen = Screen(width: 60, height: 1)
        screen.put(Self.hostile, x: 0, y: 0)
        let scalars = screen.row(0).flatMap { $0.text.unicodeScalars }
        for forbidden: Unicode.Scalar in ["\u{1B}", "\u{07}", "\r", "\u{202E}"] {
            #expect(!scalars.contains(forbidden), "cell holds U+\(String(forbidden.value, radix: 16))")
        }
        #expect(screen.line(0) == #"\e[2J\e]0;pwned\x07evil\r\u{202E}txt"#)
    }

    @Test func noControlCharacterSurvivesInAnyCell() {
        var screen = Screen(width: 200, height: 1)
        let everyControl = String(String.UnicodeScalarView((0x00...0x1F).compactMap(Unicode.Scalar.init)))
            + "\u{7F}\u{9B}\u{85}\u{2028}\u{2066}"
        screen.put(everyControl, x: 0, y: 0)
        let scalars = screen.row(0).flatMap { $0.text.unicodeScalars }
        #expect(!scalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(!scalars.contains("\u{2028}"))
        #expect(!scalars.contains("\u{2066}"))
    }

    @Test func widthIsMeasuredOnTheEscapedText() {
        // A view right-aligning with DisplayWidth must get the width put will use.
        var screen = Screen(width: 20, height: 1)
        let used = screen.put("a\u{1B}b", x: 0, y: 0)
        #expect(used == 4)
        #expect(DisplayWidth.columns(of: "a\u{1B}b") == used)
        #expect(screen.lines() == [#"a\eb"#])
    }

    @Test func newlineCannotStartASecondRow() {
        var screen = Screen(width: 20, height: 2)
        screen.put("one\ntwo", x: 0, y: 0)
        #expect(screen.lines() == [#"one\ntwo"#, ""])
    }
}
