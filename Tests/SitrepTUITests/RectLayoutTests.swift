import Testing
import SitrepTUI

@Suite("Rect: splitting the screen into panes")
struct RectLayoutTests {
    @Test func headerBodyFooter() {
        let parts = Rect(x: 0, y: 0, width: 80, height: 24).rows([.fixed(1), .rest, .fixed(1)])
        #expect(parts == [
            Rect(x: 0, y: 0, width: 80, height: 1),
            Rect(x: 0, y: 1, width: 80, height: 22),
            Rect(x: 0, y: 23, width: 80, height: 1),
        ])
    }

    @Test func percentAndWeightedFillShareColumns() {
        let parts = Rect(x: 10, y: 2, width: 101, height: 5).columns([.percent(40), .fill(1), .fill(2)])
        #expect(parts.map(\.width) == [40, 20, 41])
        #expect(parts.map(\.x) == [10, 50, 70])
        #expect(parts.allSatisfy { $0.y == 2 && $0.height == 5 })
    }

    @Test func onATinyTerminalLaterPartsShrinkToZero() {
        let parts = Rect(x: 0, y: 0, width: 10, height: 3).rows([.fixed(2), .fixed(2), .rest])
        #expect(parts.map(\.height) == [2, 1, 0])
    }

    @Test func insetNeverGoesNegative() {
        let inner = Rect(x: 0, y: 0, width: 1, height: 5).inset(by: 1)
        #expect(inner.width == 0)
        #expect(inner.height == 3)
        #expect(inner.isEmpty)
    }

    @Test func intersectionOfDisjointRectsIsEmpty() {
        let a = Rect(x: 0, y: 0, width: 5, height: 5)
        #expect(a.intersection(Rect(x: 5, y: 0, width: 5, height: 5)).isEmpty)
        #expect(a.intersection(Rect(x: 3, y: 3, width: 5, height: 5)) == Rect(x: 3, y: 3, width: 2, height: 2))
    }

    @Test func splitHelpers() {
        let area = Rect(x: 0, y: 0, width: 30, height: 10)
        let (top, rest) = area.splitTop(3)
        #expect(top.height == 3 && rest.y == 3 && rest.height == 7)
        let (left, right) = area.splitLeft(40)
        #expect(left.width == 30 && right.width == 0)
    }
}
