/// A calendar date with no time and no zone, held as days since 1970-01-01 (proleptic Gregorian).
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible, Strideable {
    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int32

    @inlinable public init(daysSinceEpoch: Int32) { self.daysSinceEpoch = daysSinceEpoch }

    /// The date `year-month-day`, or `nil` if no such date exists (`2026-02-30`).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year),
            (1..<10000).contains(year)
        else { return nil }
        self.daysSinceEpoch = Int32(CivilDate.daysFromCivil(year, month, day))
    }

    /// Parses `YYYY-MM-DD` exactly.
    public init?(iso text: String) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
            let y = Self.digits(u[0..<4]), let m = Self.digits(u[5..<7]), let d = Self.digits(u[8..<10])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    private static func digits(_ s: ArraySlice<UInt8>) -> Int? {
        var v = 0
        for c in s {
            guard c >= 48, c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return v
    }

    /// Year, month (1–12) and day (1–31).
    public var components: (year: Int, month: Int, day: Int) { CivilDate.civilFromDays(Int(daysSinceEpoch)) }

    /// The calendar month this date falls in.
    public var month: YearMonth {
        let c = components
        return YearMonth(year: c.year, month: c.month)!
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        let d = Int(daysSinceEpoch)
        return ((d + 3) % 7 + 7) % 7 + 1  // 1970-01-01 was a Thursday
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let c = components
        return CivilDate.pad(c.year, 4) + "-" + CivilDate.pad(c.month, 2) + "-" + CivilDate.pad(c.day, 2)
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }
    public func distance(to other: CivilDate) -> Int { Int(other.daysSinceEpoch - daysSinceEpoch) }
    public func advanced(by n: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + Int32(n)) }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// Days in a month of a year.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    @usableFromInline static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

/// A calendar month, e.g. 2026-10.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    /// The month, or `nil` if `month` is not 1–12.
    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), (1..<10000).contains(year) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses exactly `YYYY-MM` (four digits, a hyphen, two digits).
    public init?(_ text: String) {
        let u = Array(text.utf8)
        guard u.count == 7, u[4] == UInt8(ascii: "-"),
            u.enumerated().allSatisfy({ $0.offset == 4 || ($0.element >= 48 && $0.element <= 57) })
        else { return nil }
        let digits = u.map { Int($0) - 48 }
        self.init(year: digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3], month: digits[5] * 10 + digits[6])
    }

    /// The first day of the month.
    public var firstDay: CivilDate { CivilDate(year: year, month: month, day: 1)! }
    /// The last day of the month.
    public var lastDay: CivilDate { CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))! }
    /// The month before.
    public var previous: YearMonth { month == 1 ? YearMonth(year: year - 1, month: 12)! : YearMonth(year: year, month: month - 1)! }

    /// `YYYY-MM`.
    public var description: String { CivilDate.pad(year, 4) + "-" + CivilDate.pad(month, 2) }
    public static func < (a: YearMonth, b: YearMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
}

/// An instant, as whole seconds since 1970-01-01T00:00:00Z.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since the Unix epoch, UTC.
    public var secondsSinceEpoch: Int64

    @inlinable public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    /// The instant of a wall-clock time at a fixed UTC offset (seconds east of UTC).
    public init(date: CivilDate, hour: Int, minute: Int, second: Int, utcOffsetSeconds: Int) {
        secondsSinceEpoch = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
            - Int64(utcOffsetSeconds)
    }

    /// The UTC calendar date of this instant.
    public var utcDate: CivilDate {
        CivilDate(daysSinceEpoch: Int32((secondsSinceEpoch - ((secondsSinceEpoch % 86_400) + 86_400) % 86_400) / 86_400))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var description: String {
        let date = utcDate
        let s = Int(secondsSinceEpoch - Int64(date.daysSinceEpoch) * 86_400)
        return date.description + "T" + CivilDate.pad(s / 3600, 2) + ":" + CivilDate.pad(s / 60 % 60, 2) + ":"
            + CivilDate.pad(s % 60, 2) + "Z"
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.secondsSinceEpoch < b.secondsSinceEpoch }
}
