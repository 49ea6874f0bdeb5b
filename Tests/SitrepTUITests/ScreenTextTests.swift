import Testing
@testable import SitrepTUI

@Suite("Screen.put: what fits, where it is cut")
struct ScreenTextTests {
    @Test func asciiFitsAndReportsColumnsUsed() {
        var screen = Screen(width: 20, height: 2)
        let used = screen.put("web-1 down", x: 2, y: 1)
        #expect(used == 10)
        #expect(screen.lines() == ["", "  web-1 down"])
    }

    @Test func asciiCutAtRightEdgeEndsWithEllipsis() {
        var screen = Screen(width: 8, height: 1)
        let used = screen.put("connection refused", x: 2, y: 0)
        #expect(used == 6)
        #expect(screen.lines() == ["  conne…"])
    }

    @Test func maxWidthCutsBeforeTheEdge() {
        var screen = Screen(width: 20, height: 1)
        let used = screen.put("database", x: 0, y: 0, maxWidth: 5)
        #expect(used == 5)
        #expect(screen.lines() == ["data…"])
    }

    @Test func textThatExactlyFillsIsNotCut() {
        var screen = Screen(width: 5, height: 1)
        #expect(screen.put("SEV12", x: 0, y: 0) == 5)
        #expect(screen.lines() == ["SEV12"])
    }

    @Test func noRoomDrawsNothing() {
        var screen = Screen(width: 5, height: 1)
        #expect(screen.put("abc", x: 0, y: 0, maxWidth: 0) == 0)
        #expect(screen.put("abc", x: 5, y: 0) == 0)
        #expect(screen.put("abc", x: 0, y: 1) == 0)
        #expect(screen.put("abc", x: -1, y: 0) == 0)
        #expect(screen.lines() == [""])
    }

    @Test func oneColumnLeftShowsOnlyTheEllipsis() {
        var screen = Screen(width: 4, height: 1)
        #expect(screen.put("abc", x: 3, y: 0) == 1)
        #expect(screen.lines() == ["   …"])
    }

    @Test func cjkTakesTwoColumnsEach() {
        var screen = Screen(width: 10, height: 1)
        #expect(screen.put("障害対応", x: 1, y: 0) == 8)
        #expect(screen.lines() == [" 障害対応"])
        #expect(DisplayWidth.columns(of: "障害対応") == 8)
    }

    @Test func cjkIsCutWithoutSplittingACharacter() {
        // 5 columns: two characters (4) and the ellipsis (1).
        var screen = Screen(width: 5, height: 1)
        #expect(screen.put("障害対応", x: 0, y: 0) == 5)
        #expect(screen.lines() == ["障害…"])

        // 4 columns: a third half-character would not fit, so one character and the ellipsis.
        var narrow = Screen(width: 4, height: 1)
        #expect(narrow.put("障害対応", x: 0, y: 0) == 3)
        #expect(narrow.lines() == ["障…"])
    }

    @Test func emojiTakesTwoColumns() {
        var screen = Screen(width: 10, height: 1)
        #expect(screen.put("🔥 hot", x: 0, y: 0) == 6)
        #expect(screen.lines() == ["🔥 hot"])
        #expect(screen.cell(x: 1, y: 0)?.isContinuation == true)
    }

    @Test func zwjSequenceIsDrawnAsItsPartsSoEveryTerminalAgreesOnWidth() {
        var screen = Screen(width: 10, height: 1)
        #expect(screen.put("👩‍🚒!", x: 0, y: 0) == 5)
        #expect(screen.lines() == ["👩🚒!"])
        #expect(!screen.lines()[0].unicodeScalars.contains("\u{200D}"))
    }

    @Test func emojiPresentationSelectorIsDroppedAndTheBaseKeepsItsWidth() {
        #expect(DisplayWidth.columns(of: "❤️") == 1)
        var screen = Screen(width: 4, height: 1)
        screen.put("❤️x", x: 0, y: 0)
        #expect(screen.lines() == ["❤x"])
    }

    @Test func combiningMarksShareTheirBaseCell() {
        let decomposed = "Re\u{0301}sume\u{0301}"  // Résumé with combining acute accents
        #expect(DisplayWidth.columns(of: decomposed) == 6)
        var screen = Screen(width: 6, height: 1)
        #expect(screen.put(decomposed, x: 0, y: 0) == 6)
        #expect(screen.cell(x: 1, y: 0)?.text == "e\u{0301}")
        #expect(screen.cell(x: 2, y: 0)?.text == "s")
    }

    @Test func combiningMarksAreNotSeparatedFromTheirBaseWhenCut() {
        var screen = Screen(width: 3, height: 1)
        screen.put("e\u{0301}e\u{0301}e\u{0301}e\u{0301}", x: 0, y: 0)
        #expect(screen.cell(x: 0, y: 0)?.text == "e\u{0301}")
        #expect(screen.cell(x: 1, y: 0)?.text == "e\u{0301}")
        #expect(screen.cell(x: 2, y: 0)?.text == "…")
    }

    @Test func characterTheLibraryCannotPrintBecomesReplacementCharacter() {
        var screen = Screen(width: 4, height: 1)
        screen.put("a\u{0378}b", x: 0, y: 0)  // U+0378 is unassigned
        #expect(screen.lines() == ["a\u{FFFD}b"])
    }

    @Test func putTagsEveryCellWithItsRole() {
        var screen = Screen(width: 6, height: 1)
        screen.put("down", x: 1, y: 0, style: .healthDown)
        #expect(screen.styles(row: 0) == [.normal, .healthDown, .healthDown, .healthDown, .healthDown, .normal])
    }
}
