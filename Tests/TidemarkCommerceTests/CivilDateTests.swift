import Testing
import TidemarkCommerce

@Suite struct CivilDateTests {
    @Test func parsesISODates() throws {
        let leapDay = try #require(CivilDate(iso: "2024-02-29"))
        #expect(leapDay.components == (2024, 2, 29))
        #expect(CivilDate(iso: "2000-02-29") != nil)  // divisible by 400: leap
        #expect(CivilDate(iso: "1970-01-01")?.daysSinceEpoch == 0)
        // 1970…1999 is 30 years with 7 leap days (1972, 76, 80, 84, 88, 92, 96): 30 × 365 + 7 = 10 957.
        #expect(CivilDate(iso: "2000-01-01")?.daysSinceEpoch == 10_957)
        #expect(CivilDate(iso: "1969-12-31")?.daysSinceEpoch == -1)
    }

    @Test(arguments: [
        "2026-02-30", "2023-02-29", "2100-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
        "0000-01-01", "2026-1-01", "2026/01/01", "20260101", "2026-01-01T00:00", " 2026-01-01", "2026-0a-01", "",
    ])
    func rejectsInvalidDates(text: String) {
        #expect(CivilDate(iso: text) == nil)
    }

    @Test func rejectsImpossibleComponents() {
        #expect(CivilDate(year: 2026, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2026, month: 12, day: 32) == nil)
        #expect(CivilDate(year: 10_000, month: 1, day: 1) == nil)
        #expect(CivilDate(year: 2026, month: 12, day: 31) != nil)
    }

    @Test(arguments: [
        ("2026-11-22", 7),  // a Sunday
        ("1970-01-01", 4),  // a Thursday
        ("2024-02-29", 4),  // a Thursday
        ("2026-10-26", 1),  // a Monday
        ("1969-12-29", 1),  // a Monday, before the epoch: 3 days before a Thursday
        ("1969-12-28", 7),  // a Sunday
    ])
    func knowsTheISOWeekday(text: String, weekday: Int) {
        #expect(CivilDate(iso: text)?.isoWeekday == weekday)
    }

    @Test func knowsItsMonthAndWritesItself() {
        let date = CivilDate(iso: "2026-11-22")!
        #expect(date.month == YearMonth(year: 2026, month: 11))
        #expect(date.description == "2026-11-22")
        #expect(CivilDate(year: 999, month: 1, day: 5)?.description == "0999-01-05")
    }

    @Test func stridesByDays() {
        let feb28 = CivilDate(iso: "2024-02-28")!
        let mar1 = CivilDate(iso: "2024-03-01")!
        #expect(feb28.distance(to: mar1) == 2)  // via 29 February
        #expect(feb28.advanced(by: 2) == mar1)
        #expect(Array(feb28...mar1).map(\.description) == ["2024-02-28", "2024-02-29", "2024-03-01"])
        #expect(feb28 < mar1)
    }

    /// Every day from 1600-01-01 to 2400-12-31: the text and the components give back the same day, consecutive
    /// days have consecutive components, and weekdays cycle 1…7.
    @Test func roundTripsEveryDayOverEightCenturies() {
        let first = CivilDate(year: 1600, month: 1, day: 1)!
        let last = CivilDate(year: 2400, month: 12, day: 31)!
        var previous = first.advanced(by: -1)
        for date in first...last {
            let c = date.components
            #expect(CivilDate(year: c.year, month: c.month, day: c.day) == date)
            let p = previous.components
            let next = c.day == 1 ? (c.month == 1 ? p.month == 12 && p.year == c.year - 1 : p.month == c.month - 1) : p.day == c.day - 1
            if !next { Issue.record("\(previous) is not the day before \(date)") }
            if date.isoWeekday != previous.isoWeekday % 7 + 1 { Issue.record("weekday breaks at \(date)") }
            previous = date
        }
        // Spot-check the text form on a sample rather than 292 000 times.
        for date in stride(from: first, through: last, by: 97) {
            #expect(CivilDate(iso: date.description) == date)
        }
    }
}

@Suite struct YearMonthTests {
    @Test func parsesYearAndMonth() {
        let month = YearMonth("2026-10")
        #expect(month?.year == 2026 && month?.month == 10)
        #expect(month?.description == "2026-10")
    }

    @Test(arguments: ["2026-13", "2026-00", "2026-1", "26-10", "2026", "2026-10-01", "", "2026/10", "-2026-10", "2026--10", "+026-10", "2026-+1"])
    func rejectsInvalidMonths(text: String) {
        #expect(YearMonth(text) == nil)
    }

    @Test func stepsBackAcrossTheYear() {
        #expect(YearMonth("2026-01")?.previous == YearMonth("2025-12"))
        #expect(YearMonth("2026-03")?.previous == YearMonth("2026-02"))
    }

    @Test(arguments: [
        ("2024-02", "2024-02-01", "2024-02-29"),  // leap year
        ("2023-02", "2023-02-01", "2023-02-28"),
        ("2026-12", "2026-12-01", "2026-12-31"),
        ("2026-04", "2026-04-01", "2026-04-30"),
    ])
    func knowsItsFirstAndLastDay(month: String, first: String, last: String) {
        let m = YearMonth(month)!
        #expect(m.firstDay.description == first)
        #expect(m.lastDay.description == last)
    }

    @Test func ordersChronologically() {
        #expect(YearMonth("2025-12")! < YearMonth("2026-01")!)
        #expect(YearMonth("2026-02")! < YearMonth("2026-10")!)
    }
}
