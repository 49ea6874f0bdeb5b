import Testing
@testable import IncidentCore

@Suite struct RFC3339Tests {
    @Test func parsesUTCAndOffsets() {
        let utc = RFC3339.parse("2023-06-01T09:15:00Z")
        #expect(utc != nil)
        #expect(RFC3339.parse("2023-06-01T11:15:00+02:00") == utc)
        #expect(RFC3339.parse("2023-06-01T04:45:00-04:30") == utc)
        #expect(RFC3339.parse("2023-06-01t09:15:00z") == utc)
        #expect(RFC3339.parse("2023-06-01 09:15:00Z") == utc)
    }

    @Test func keepsFractionalSeconds() {
        let base = RFC3339.parse("2023-06-01T09:15:00Z")!
        #expect(RFC3339.parse("2023-06-01T09:15:00.25Z")!.microseconds == base.microseconds + 250_000)
        #expect(RFC3339.parse("2023-06-01T09:15:00.000001Z")!.microseconds == base.microseconds + 1)
    }

    @Test func knowsTheEpochAndLeapDays() {
        #expect(RFC3339.parse("1970-01-01T00:00:00Z")!.microseconds == 0)
        #expect(RFC3339.parse("2024-02-29T00:00:00Z")!.microseconds == 1_709_164_800_000_000)
        #expect(RFC3339.parse("2023-02-29T00:00:00Z") == nil)
    }

    @Test(arguments: ["", "2023-06-01", "2023-06-01T09:15:00", "2023-13-01T00:00:00Z", "2023-06-31T00:00:00Z",
                      "2023-06-01T24:00:00Z", "2023-06-01T09:15:00.Z", "2023-06-01T09:15:00+0200",
                      "2023-06-01T09:15:00Z ", "yesterday", "2023-6-1T09:15:00Z"])
    func rejectsWhatIsNotRFC3339(_ text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    /// The journal's own form, written digit by digit, reads as the fields joined as text would:
    /// at the ends of each field, and for a spread of times across the years sitrep writes.
    @Test func theJournalFormIsFixedWidthAndReadsBack() {
        #expect(RFC3339.journalFormat(RFC3339.parse("2023-06-01T09:05:07.000250Z")!) == "2023-06-01T09:05:07.000250Z")
        #expect(RFC3339.journalFormat(Timestamp(microseconds: 0)) == "1970-01-01T00:00:00.000000Z")
        #expect(RFC3339.journalFormat(RFC3339.parse("9999-12-31T23:59:59.999999Z")!) == "9999-12-31T23:59:59.999999Z")
        #expect(RFC3339.journalFormat(RFC3339.parse("0001-01-01T00:00:00Z")!) == "0001-01-01T00:00:00.000000Z")
        var microseconds: Int64 = 3
        for _ in 0..<2_000 {
            microseconds = (microseconds &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407) % 4_102_444_800_000_000
            let time = Timestamp(microseconds: abs(microseconds))
            let parts = CivilTime(time)
            let joined = "\(RFC3339.pad4(parts.year))-\(RFC3339.pad2(parts.month))-\(RFC3339.pad2(parts.day))T"
                + "\(RFC3339.pad2(parts.hour)):\(RFC3339.pad2(parts.minute)):\(RFC3339.pad2(parts.second))."
                + String(parts.microsecond + 1_000_000).dropFirst() + "Z"
            #expect(RFC3339.journalFormat(time) == joined)
            #expect(RFC3339.parse(RFC3339.journalFormat(time)) == time)
        }
    }

    @Test func formatsInUTCAndRoundTrips() {
        let text = "2023-06-01T09:15:00Z"
        #expect(RFC3339.format(RFC3339.parse(text)!) == text)
        #expect(RFC3339.format(RFC3339.parse("2023-06-01T11:15:00.5+02:00")!) == "2023-06-01T09:15:00.500Z")
        #expect(RFC3339.format(RFC3339.parse("1969-12-31T23:59:59Z")!) == "1969-12-31T23:59:59Z")
    }

    @Test func durationsReadLikeResponders() {
        #expect(DurationText.compact(45) == "45s")
        #expect(DurationText.compact(125) == "2m 5s")
        #expect(DurationText.compact(900) == "15m")
        #expect(DurationText.compact(9900) == "2h 45m")
        #expect(DurationText.compact(64800) == "18h")
        #expect(DurationText.compact(97200) == "1d 3h")
    }
}
