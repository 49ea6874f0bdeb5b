import Testing
@testable import IncidentCore

/// Services and pools are found by name whether an incident watches three or three hundred.
@Suite struct NameIndexTests {
    @Test func everyNameIsFoundAtItsPlaceAcrossTheScanLimit() {
        var index = NameIndex()
        let names = (0..<40).map { $0 % 3 == 0 ? "a-service-name-longer-than-fifteen-bytes-\($0)" : "svc\($0)" } + ["é", "e\u{301}x"]
        for (count, name) in names.enumerated() {
            index.add(name)
            for (position, known) in names[...count].enumerated() {
                #expect(index.position(of: known) == position, "\(known) with \(count + 1) names")
            }
            #expect(index.position(of: "missing") == nil)
        }
    }

    @Test func fortyServicesEachKeepTheirOwnRow() {
        var state = IncidentState()
        let start = Timestamp(microseconds: 1_685_610_000_000_000)
        for round in 0..<3 {
            for service in 0..<40 {
                var sample = Event(ts: start.adding(seconds: Double(round * 100 + service)), kind: .health, actor: "collector")
                sample.service = "svc\(service)"
                sample.state = (round + service) % 2 == 0 ? "up" : "down"
                state.apply(sample, line: round * 40 + service + 1)
            }
        }
        #expect(state.services.count == 40)
        #expect(state.services.allSatisfy { $0.state == (Int($0.name.dropFirst(3))! % 2 == 0 ? "up" : "down") })
    }
}
