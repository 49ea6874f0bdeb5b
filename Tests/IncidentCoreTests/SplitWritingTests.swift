import Testing
@testable import IncidentCore

/// Long lists are written on both cores; what comes out is what one thread would have written.
@Suite struct SplitWritingTests {
    @Test(arguments: [0, 1, SplitWriting.minimumItems - 1, SplitWriting.minimumItems, SplitWriting.minimumItems + 1])
    func theHalvesJoinInOrder(_ count: Int) {
        let items = Array(0..<count)
        var first: [UInt8] = []
        let second = SplitWriting.write(items, firstHalf: { half in
            for item in half { first += Array("\(item)\n".utf8) }
        }, secondHalf: { half in
            half.flatMap { Array("\($0)\n".utf8) }
        })
        let expected = items.flatMap { Array("\($0)\n".utf8) }
        #expect(first + second == expected)
    }

    @Test func aLongReportListsEveryEntryOnceInOrder() {
        var state = IncidentState()
        let start = Timestamp(microseconds: 1_685_610_000_000_000)
        let count = SplitWriting.minimumItems + 1
        for index in 0..<count {
            state.apply(Event(ts: start.adding(seconds: Double(index)), kind: .note, actor: "ann", text: "step \(index) *done*"), line: index + 1)
        }
        let markdown = PostmortemReport(state: state, source: "incident.jsonl", head: nil, asOf: start).markdown()
        let lines = markdown.split(separator: "\n").filter { $0.hasPrefix("- **") && $0.contains("** note: step ") }
        #expect(lines.count == count)
        for (index, line) in lines.enumerated() where index % 997 == 0 || index == count - 1 {
            #expect(line.hasSuffix("** note: step \(index) \\*done\\* — ann"), "\(line)")
        }
    }
}
