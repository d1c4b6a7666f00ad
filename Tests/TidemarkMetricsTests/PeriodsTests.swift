import Testing
import TidemarkCommerce

@testable import TidemarkMetrics

@Suite("Periods: ISO weeks, days, months and their comparisons")
struct PeriodsTests {
    static func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }
    static let de = Market(code: "DE")!
    static let fr = Market(code: "FR")!
    static func eur(_ c: Int64) -> Money { Money(micros: c * 10_000) }

    // Week-years at the year boundary (ISO 8601: the week belongs to the year of its Thursday).
    //  2020-12-31 Thu → 2020-W53 (2020 starts on a Wednesday and is a leap year: 53 weeks).
    //  2021-01-03 Sun → its Thursday is 2020-12-31 → 2020-W53. 2021-01-04 Mon → 2021-W01.
    //  2024-12-30 Mon → its Thursday is 2025-01-02 → 2025-W01.
    //  2026-09-15 Tue → Thursday 2026-09-17, day 243 + 17 = 260 of 2026 → (260 − 1) / 7 + 1 = 38.
    //  2027-01-01 Fri → Thursday 2026-12-31 → 2026-W53 (2026 starts on a Thursday).
    @Test(arguments: [
        ("2020-12-31", "2020-W53"), ("2021-01-03", "2020-W53"), ("2021-01-04", "2021-W01"), ("2024-12-30", "2025-W01"),
        ("2026-09-15", "2026-W38"), ("2027-01-01", "2026-W53"), ("2019-12-30", "2020-W01"),
    ])
    func isoWeekOfDate(_ date: String, _ week: String) {
        #expect(ISOWeek(Self.d(date)).description == week)
    }

    @Test func weeksStartOnMondayAndWrapAtWeekYears() {
        // 2020 and 2026 have 53 weeks, 2021 and 2025 have 52.
        #expect([2020, 2021, 2025, 2026].map(ISOWeek.weeks(in:)) == [53, 52, 52, 53])
        let w53 = ISOWeek(weekYear: 2020, week: 53)!
        #expect(w53.firstDay == Self.d("2020-12-28") && w53.lastDay == Self.d("2021-01-03"))
        #expect(ISOWeek(weekYear: 2025, week: 1)!.firstDay == Self.d("2024-12-30"))
        #expect(ISOWeek(weekYear: 2021, week: 53) == nil)
        #expect(ISOWeek(weekYear: 2021, week: 1)!.previous == w53)
        // Same week last year: the same number in the previous week-year; W53 has none when that year has 52.
        #expect(w53.sameWeekLastYear == nil)
        #expect(ISOWeek(weekYear: 2021, week: 10)!.sameWeekLastYear == ISOWeek(weekYear: 2020, week: 10))
        #expect(ISOWeek(weekYear: 2026, week: 53)!.sameWeekLastYear == nil)
    }

    @Test func previousAndSamePeriodLastYear() {
        let day = ReportingPeriod(.day, containing: Self.d("2026-03-01"))
        #expect(day.previous.label == "2026-02-28")
        #expect(day.sameLastYear?.label == "2025-03-01")
        #expect(ReportingPeriod(.day, containing: Self.d("2024-02-29")).sameLastYear == nil)  // no 29 February in 2023
        let month = ReportingPeriod(.month, containing: Self.d("2026-01-31"))
        #expect(month.label == "2026-01" && month.previous.label == "2025-12" && month.sameLastYear?.label == "2025-01")
        let week = ReportingPeriod(.week, containing: Self.d("2021-01-06"))
        #expect(week.label == "2021-W01" && week.previous.label == "2020-W53" && week.sameLastYear?.label == "2020-W01")
        #expect(week.firstDay == Self.d("2021-01-04") && week.lastDay == Self.d("2021-01-10"))
        #expect(ReportingPeriod(.week, containing: Self.d("2021-01-03")).sameLastYear == nil)  // 2020-W53; 2019 has 52
    }

    /// Loaded data spans Mon 2026-08-24 … Sun 2026-09-13: ISO weeks W35 (08-24…08-30), W36 (08-31…09-06) and
    /// W37 (09-07…09-13) are complete, August and September are not.
    static let daily: [CivilDate: [Market: DailyFigures]] = [
        d("2026-08-25"): [de: DailyFigures(orders: 2, units: 3, grossSales: eur(100_00), discounts: eur(10_00), newCustomers: 1)],
        d("2026-09-01"): [de: DailyFigures(orders: 1, units: 1, grossSales: eur(50_00), refunds: eur(5_00))],
        d("2026-09-02"): [fr: DailyFigures(orders: 3, units: 3, grossSales: eur(90_00), newCustomers: 2)],
        d("2026-09-08"): [
            de: DailyFigures(orders: 4, units: 5, grossSales: eur(120_00), discounts: eur(20_00), newCustomers: 1),
            fr: DailyFigures(orders: 1, units: 1, grossSales: eur(30_00)),
        ],
        d("2026-09-14"): [de: DailyFigures(orders: 9, units: 9, grossSales: eur(999_00))],  // outside the coverage: ignored
    ]
    static let coverage = d("2026-08-24")...d("2026-09-13")

    @Test func weeksAgainstThePreviousWeekByHand() throws {
        let rows = PeriodSummary.table(Self.daily, coverage: Self.coverage, types: [.week])
        #expect(rows.map { "\($0.period) \($0.market?.code ?? "ALL")" } == [
            "2026-W35 ALL", "2026-W35 DE", "2026-W36 ALL", "2026-W36 DE", "2026-W36 FR", "2026-W37 ALL", "2026-W37 DE", "2026-W37 FR",
        ])
        #expect(rows.allSatisfy { $0.complete })
        func row(_ label: String, _ m: Market?) throws -> PeriodSummaryRow { try #require(rows.first { $0.period.label == label && $0.market == m }) }
        // W35: net 100.00 − 10.00 = 90.00; W34 is not loaded → no comparison (not 0); nor is 2025-W35.
        let w35 = try row("2026-W35", nil)
        #expect(w35.figures.netRevenue == Self.eur(90_00) && w35.previous == nil && w35.lastYear == nil)
        #expect(w35.previousPeriod.label == "2026-W34" && w35.lastYearPeriod?.label == "2025-W35")
        // W36 all markets: orders 1 + 3 = 4, gross 50 + 90 = 140.00, refunds 5.00, net 135.00, new customers 2.
        // Against W35: net (135 − 90) / 90 = 0.5; orders (4 − 2) / 2 = 1.
        let w36 = try row("2026-W36", nil)
        #expect(w36.figures == DailyFigures(orders: 4, units: 4, grossSales: Self.eur(140_00), refunds: Self.eur(5_00), newCustomers: 2))
        #expect(w36.previous?.netRevenue == Self.eur(90_00))
        #expect(PeriodSummaryRow.change(w36.figures.netRevenue, w36.previous?.netRevenue)?.formatted() == "0.5000")
        #expect(PeriodSummaryRow.change(w36.figures.orders, w36.previous?.orders)?.formatted() == "1.0000")
        // W36 DE: net 50 − 5 = 45.00 against 90.00: −0.5. AOV = 50.00 / 1.
        let w36de = try row("2026-W36", Self.de)
        #expect(PeriodSummaryRow.change(w36de.figures.netRevenue, w36de.previous?.netRevenue)?.formatted() == "-0.5000")
        #expect(w36de.averageOrderValue == Self.eur(50_00))
        // W36 FR: no FR sales in the (loaded) W35: a true 0, and no change can be computed from 0.
        let w36fr = try row("2026-W36", Self.fr)
        #expect(w36fr.previous == DailyFigures())
        #expect(PeriodSummaryRow.change(w36fr.figures.orders, w36fr.previous?.orders) == nil)
        // W37 all: net (120 − 20) + 30 = 130.00 against 135.00: −5 / 135 = −0.0370. DE: 100 vs 45 → 1.2222.
        // FR: 30 vs 90 → −0.6667.
        let w37 = try row("2026-W37", nil)
        #expect(PeriodSummaryRow.change(w37.figures.netRevenue, w37.previous?.netRevenue)?.formatted() == "-0.0370")
        #expect(PeriodSummaryRow.change(try row("2026-W37", Self.de).figures.netRevenue, try row("2026-W37", Self.de).previous?.netRevenue)?.formatted() == "1.2222")
        #expect(PeriodSummaryRow.change(try row("2026-W37", Self.fr).figures.netRevenue, try row("2026-W37", Self.fr).previous?.netRevenue)?.formatted() == "-0.6667")
    }

    @Test func partlyCoveredMonthsAreIncompleteAndHaveNoComparison() throws {
        let rows = PeriodSummary.table(Self.daily, coverage: Self.coverage, types: [.month])
        #expect(rows.map { "\($0.period) \($0.market?.code ?? "ALL")" } == ["2026-08 ALL", "2026-08 DE", "2026-09 ALL", "2026-09 DE", "2026-09 FR"])
        #expect(rows.allSatisfy { !$0.complete && $0.previous == nil && $0.lastYear == nil })
        // September all markets: 45.00 + 90.00 + 100.00 + 30.00 = 265.00 (the 09-14 row lies outside the coverage).
        #expect(rows[2].figures.netRevenue == Self.eur(265_00))
    }

    @Test func daysCompareWithTheDayBeforeAndTheWindowLimitsTheRows() {
        let days = PeriodSummary.table(Self.daily, coverage: Self.coverage, types: [.day])
        // 2026-09-08 DE: the day before is loaded but had no DE sales → previous 0 orders.
        let de = days.first { $0.period.label == "2026-09-08" && $0.market == Self.de }!
        #expect(de.previous == DailyFigures() && de.previousPeriod.label == "2026-09-07")
        // 2026-08-25: the day before (08-24) is the first loaded day → a true zero; 2025-08-25 is not loaded.
        let first = days.first { $0.period.label == "2026-08-25" && $0.market == nil }!
        #expect(first.previous == DailyFigures() && first.lastYear == nil)
        let window = PeriodSummary.table(Self.daily, coverage: Self.coverage, window: Self.d("2026-09-07")...Self.d("2026-09-13"), types: [.week])
        #expect(Set(window.map(\.period.label)) == ["2026-W37"])
    }

    @Test func samePeriodLastYearWhenAYearIsLoaded() throws {
        // One more year of data: coverage 2025-09-01 … 2026-09-30, and 80.00 of DE sales on Mon 2025-09-08
        // (2025-W37: Thursday 2025-09-11 is day 254 → (254 − 1) / 7 + 1 = 37).
        var daily = Self.daily
        daily[Self.d("2025-09-08")] = [Self.de: DailyFigures(orders: 2, units: 2, grossSales: Self.eur(80_00))]
        daily[Self.d("2026-09-14")] = nil
        let rows = PeriodSummary.table(daily, coverage: Self.d("2025-09-01")...Self.d("2026-09-30"))
        func row(_ label: String, _ m: Market?) throws -> PeriodSummaryRow { try #require(rows.first { $0.period.label == label && $0.market == m }) }
        // Day: 2026-09-08 DE net 100.00 against 80.00 → 0.25.
        let day = try row("2026-09-08", Self.de)
        #expect(day.lastYearPeriod?.label == "2025-09-08")
        #expect(PeriodSummaryRow.change(day.figures.netRevenue, day.lastYear?.netRevenue)?.formatted() == "0.2500")
        // Week: 2026-W37 all markets 130.00 against 2025-W37 80.00 → 50 / 80 = 0.625.
        let week = try row("2026-W37", nil)
        #expect(week.lastYearPeriod?.label == "2025-W37" && week.lastYear?.netRevenue == Self.eur(80_00))
        #expect(PeriodSummaryRow.change(week.figures.netRevenue, week.lastYear?.netRevenue)?.formatted() == "0.6250")
        // Month: September 2026 (265.00, now complete) against September 2025 (80.00): 185 / 80 = 2.3125;
        // orders 1 + 3 + 4 + 1 = 9 against 2 → 3.5. FR had nothing in 2025-09: a true 0.
        let month = try row("2026-09", nil)
        #expect(month.complete)
        #expect(PeriodSummaryRow.change(month.figures.netRevenue, month.lastYear?.netRevenue)?.formatted() == "2.3125")
        #expect(PeriodSummaryRow.change(month.figures.orders, month.lastYear?.orders)?.formatted() == "3.5000")
        #expect(try row("2026-09", Self.fr).lastYear == DailyFigures())
    }
}
