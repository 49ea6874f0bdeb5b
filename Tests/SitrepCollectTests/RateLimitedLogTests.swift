import IncidentCore
import Testing
@testable import SitrepCollect

@Suite("Rate-limited log: a failing source prints once per interval, counting what it held back")
struct RateLimitedLogTests {
    @Test func printsOncePerIntervalWithTheCountHeldBack() {
        var log = RateLimitedLog(interval: .seconds(30))
        let printed = [0, 2, 4, 29, 30, 31, 61].map { second in
            log.line("pool app: refused", now: Timestamp(secondsSinceEpoch: Double(second)))
        }
        #expect(printed == ["pool app: refused", nil, nil, nil, "pool app: refused (and 3 more like it)", nil,
                            "pool app: refused (and 1 more like it)"])
    }
}
