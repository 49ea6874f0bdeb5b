/// RFC 3339 parsing and formatting without Foundation: the reader parses one timestamp per journal
/// line, and a million lines must fold in well under a second.
public enum RFC3339 {
    /// Parses `2023-06-01T09:15:00Z`, `2023-06-01T11:15:00.250+02:00`, lower-case `t`/`z` or a space
    /// separator. Returns nil for anything else, including out-of-range fields.
    public static func parse(_ text: String) -> Timestamp? {
        var copy = text
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Timestamp? {
        guard let (year, month, day, hour, minute, second) = dateAndTime(bytes) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour < 24, minute < 60, second <= 60 else { return nil }
        var cursor = DigitCursor(bytes: bytes, index: 19)

        var micros: Int64 = 0
        if cursor.peek() == UInt8(ascii: ".") {
            _ = cursor.next()
            var scale: Int64 = 100_000
            var count = 0
            while let byte = cursor.peek(), byte >= 48, byte <= 57 {
                _ = cursor.next()
                micros += Int64(byte - 48) * scale
                scale /= 10
                count += 1
            }
            guard count > 0 else { return nil }
        }

        guard let zone = cursor.next() else { return nil }
        var offsetSeconds: Int64 = 0
        switch zone {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            break
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard let offsetHour = cursor.digits(2), cursor.expect(UInt8(ascii: ":")),
                  let offsetMinute = cursor.digits(2), offsetHour < 24, offsetMinute < 60 else { return nil }
            offsetSeconds = Int64(offsetHour * 3600 + offsetMinute * 60) * (zone == UInt8(ascii: "-") ? -1 : 1)
        default:
            return nil
        }
        guard cursor.atEnd else { return nil }

        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59)) - offsetSeconds
        return Timestamp(microseconds: seconds * 1_000_000 + micros)
    }

    /// `YYYY-MM-DDTHH:MM:SS`, the first 19 bytes of every RFC 3339 time. Read digit by digit
    /// from fixed places: one journal line in, one timestamp out, a million times over.
    private static func dateAndTime(_ bytes: UnsafeRawBufferPointer) -> (Int, Int, Int, Int, Int, Int)? {
        guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":") else { return nil }
        let separator = bytes[10]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ") else {
            return nil
        }
        var valid = true
        func number(_ start: Int, _ count: Int) -> Int {
            var value = 0
            for offset in start..<(start + count) {
                let digit = bytes[offset] &- 48
                valid = valid && digit < 10
                value = value * 10 + Int(digit)
            }
            return value
        }
        let fields = (number(0, 4), number(5, 2), number(8, 2), number(11, 2), number(14, 2), number(17, 2))
        return valid ? fields : nil
    }

    /// How sitrep writes a time into the journal: UTC with exactly six fraction digits,
    /// `2023-06-01T09:15:00.250000Z`. One width for every line, because line-oriented tools lock
    /// onto the shape of the first time they read: lnav 0.11 took a `.250Z` after a `.250123Z`
    /// for the year 9332. Readers still accept any RFC 3339 time.
    public static func journalFormat(_ time: Timestamp) -> String {
        let parts = CivilTime(time)
        guard (0...9999).contains(parts.year) else {
            return "\(pad4(parts.year))-\(pad2(parts.month))-\(pad2(parts.day))T"
                + "\(pad2(parts.hour)):\(pad2(parts.minute)):\(pad2(parts.second))."
                + String(parts.microsecond + 1_000_000).dropFirst() + "Z"
        }
        // Digit by digit into 27 bytes: every recorded event's time goes through here, and
        // joining a Substring into a String had the runtime search its conformances at start-up,
        // a twentieth of `sitrep note`'s CPU.
        return String(unsafeUninitializedCapacity: 27) { text in
            var at = 0
            func put(_ value: Int, digits: Int, then separator: UInt8) {
                var divisor = 1
                for _ in 1..<digits { divisor *= 10 }
                while divisor > 0 {
                    text[at] = 0x30 + UInt8(value / divisor % 10)
                    at += 1
                    divisor /= 10
                }
                text[at] = separator
                at += 1
            }
            put(parts.year, digits: 4, then: 0x2D)  // -
            put(parts.month, digits: 2, then: 0x2D)
            put(parts.day, digits: 2, then: 0x54)  // T
            put(parts.hour, digits: 2, then: 0x3A)  // :
            put(parts.minute, digits: 2, then: 0x3A)
            put(parts.second, digits: 2, then: 0x2E)  // .
            put(parts.microsecond, digits: 6, then: 0x5A)  // Z
            return at
        }
    }

    /// `2023-06-01T09:15:00Z`, or with `.250` milliseconds when the time has them. Always UTC.
    public static func format(_ time: Timestamp) -> String {
        let parts = CivilTime(time)
        var text = "\(pad4(parts.year))-\(pad2(parts.month))-\(pad2(parts.day))T"
            + "\(pad2(parts.hour)):\(pad2(parts.minute)):\(pad2(parts.second))"
        let millis = parts.microsecond / 1000
        if parts.microsecond % 1000 != 0 {
            text += "." + String(parts.microsecond + 1_000_000).dropFirst()
        } else if millis != 0 {
            text += "." + String(millis + 1000).dropFirst()
        }
        return text + "Z"
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's days_from_civil: days since 1970-01-01 of a proleptic Gregorian date.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public static func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    static func pad4(_ value: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}

/// A UTC calendar breakdown of a timestamp, for display.
public struct CivilTime: Sendable, Equatable {
    public var year, month, day, hour, minute, second, microsecond: Int

    public init(_ time: Timestamp) {
        var seconds = time.microseconds / 1_000_000
        var micros = time.microseconds % 1_000_000
        if micros < 0 { micros += 1_000_000; seconds -= 1 }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        // Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = Int(yearOfEra + era * 400 + (m <= 2 ? 1 : 0))
        month = Int(m)
        day = Int(d)
        hour = Int(secondOfDay / 3600)
        minute = Int(secondOfDay % 3600 / 60)
        second = Int(secondOfDay % 60)
        microsecond = Int(micros)
    }

    /// `2023-06-01`
    public var dateText: String { "\(RFC3339.pad4(year))-\(RFC3339.pad2(month))-\(RFC3339.pad2(day))" }
    /// `09:15:00`
    public var timeText: String { "\(RFC3339.pad2(hour)):\(RFC3339.pad2(minute)):\(RFC3339.pad2(second))" }
    /// `09:15`
    public var shortTimeText: String { "\(RFC3339.pad2(hour)):\(RFC3339.pad2(minute))" }
}

private struct DigitCursor {
    let bytes: UnsafeRawBufferPointer
    var index: Int

    var atEnd: Bool { index == bytes.count }

    func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func next() -> UInt8? {
        guard index < bytes.count else { return nil }
        defer { index += 1 }
        return bytes[index]
    }

    mutating func expect(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    mutating func digits(_ count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        index += count
        return value
    }
}
