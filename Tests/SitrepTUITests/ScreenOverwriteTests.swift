import Testing
@testable import SitrepTUI

@Suite("Screen: overwriting, filling, borders")
struct ScreenOverwriteTests {
    @Test func writingOverTheRightHalfOfAWideCharacterBlanksItsLeftHalf() {
        var screen = Screen(width: 6, height: 1)
        screen.put("障害", x: 0, y: 0)
        screen.put("x", x: 1, y: 0)
        #expect(screen.lines() == [" x害"])
        #expect(screen.cell(x: 0, y: 0) == Cell.blank())
        #expect(screen.cell(x: 3, y: 0)?.isContinuation == true)
    }

    @Test func writingOverTheLeftHalfOfAWideCharacterBlanksItsRightHalf() {
        var screen = Screen(width: 6, height: 1)
        screen.put("障害", x: 0, y: 0)
        screen.put("x", x: 2, y: 0)
        #expect(screen.lines() == ["障x"])
        #expect(screen.cell(x: 3, y: 0) == Cell.blank())
    }

    @Test func wideCharacterOverlappingTwoWideCharactersBlanksBothOuterHalves() {
        var screen = Screen(width: 6, height: 1)
        screen.put("障害", x: 0, y: 0)
        screen.put("🔥", x: 1, y: 0)
        #expect(screen.lines() == [" 🔥"])
        #expect(screen.cell(x: 0, y: 0)?.text == " ")
        #expect(screen.cell(x: 3, y: 0)?.text == " ")
    }

    @Test func wideCharacterThatDoesNotFitInTheLastColumnBecomesTheEllipsis() {
        var screen = Screen(width: 3, height: 1)
        #expect(screen.put("a障", x: 0, y: 0) == 3)
        #expect(screen.lines() == ["a障"])
        var short = Screen(width: 2, height: 1)
        #expect(short.put("a障", x: 0, y: 0) == 2)
        #expect(short.lines() == ["a…"])
    }

    @Test func fillPaintsOnlyInsideTheScreen() {
        var screen = Screen(width: 4, height: 3)
        screen.put("abcd", x: 0, y: 1)
        screen.fill(Rect(x: 2, y: 1, width: 10, height: 10), style: .selection)
        #expect(screen.lines() == ["", "ab", ""])
        #expect(screen.styles(row: 0) == [.normal, .normal, .normal, .normal])
        #expect(screen.styles(row: 2) == [.normal, .normal, .selection, .selection])
    }

    @Test func restyleKeepsTheText() {
        var screen = Screen(width: 5, height: 1)
        screen.put("12:03", x: 0, y: 0, style: .timelineTime)
        screen.restyle(Rect(x: 0, y: 0, width: 5, height: 1), style: .selection)
        #expect(screen.lines() == ["12:03"])
        #expect(screen.styles(row: 0) == Array(repeating: .selection, count: 5))
    }

    @Test func borderWithTitle() {
        var screen = Screen(width: 12, height: 3)
        screen.drawBorder(screen.bounds, title: "Pools")
        #expect(screen.lines() == [
            "┌ Pools ───┐",
            "│          │",
            "└──────────┘",
        ])
        #expect(screen.styles(row: 0)[2] == .paneTitle)
        #expect(screen.styles(row: 1)[0] == .border)
    }

    @Test func borderTitleTooLongIsCutInsideTheCorners() {
        var screen = Screen(width: 8, height: 2)
        screen.drawBorder(screen.bounds, title: "Timeline")
        #expect(screen.lines() == ["┌ Time…┐", "└──────┘"])
    }
}
