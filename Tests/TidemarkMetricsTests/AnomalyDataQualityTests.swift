import Testing
import TidemarkCommerce

@testable import TidemarkMetrics

@Suite("Data-quality flags: missing daily files, data ending early")
struct AnomalyDataQualityTests {
    static func day(_ d: Int) -> CivilDate { CivilDate(year: 2026, month: 3, day: d)! }

    @Test func missingDaysOfADailySourceFormEpisodes() {
        // period 1–6, amazon delivered 1, 2, 5: missing 3–4 and 6; shopify delivered every day; ebay nothing
        let flags = DataQualityFlags.missingSourceDays(
            expected: ["amazon_orders", "shopify_orders", "ebay_orders"],
            delivered: ["amazon_orders": [Self.day(1), Self.day(2), Self.day(5)], "shopify_orders": Set((1...6).map(Self.day))],
            period: Self.day(1)...Self.day(6))
        #expect(
            flags.map { "\($0.dimensionsText) \($0.date.components.day)-\($0.endDate.components.day)" }.sorted() == [
                "source=amazon_orders 3-4", "source=amazon_orders 6-6", "source=ebay_orders 1-6",
            ])
        #expect(flags.allSatisfy { $0.rule == "source_missing_day" && $0.severity == .warning })
        #expect(flags.contains { $0.explanation == "No amazon_orders file for 2026-03-03 to 2026-03-04: its figures for those days are missing, not zero" })
    }

    @Test func dataEndingBeforeThePeriodEndIsFlagged() {
        let period = Self.day(1)...Self.day(31)
        let f = DataQualityFlags.dataEndsEarly(source: "ads", lastFactDate: Self.day(28), period: period)!
        #expect((f.date, f.endDate, f.observed, f.expected) == (Self.day(29), Self.day(31), "2026-03-28", "2026-03-31"))
        #expect(f.explanation == "ads data ends on 2026-03-28, before the period's end 2026-03-31: the last 3 days are incomplete")
        #expect(DataQualityFlags.dataEndsEarly(source: "ads", lastFactDate: Self.day(31), period: period) == nil)
        let none = DataQualityFlags.dataEndsEarly(source: "ads", lastFactDate: nil, period: period)!
        #expect((none.date, none.endDate, none.observed) == (Self.day(1), Self.day(31), "none"))
        let before = DataQualityFlags.dataEndsEarly(source: "ads", lastFactDate: CivilDate(iso: "2026-02-20")!, period: period)!
        #expect(before.date == Self.day(1) && before.explanation.hasSuffix("the last 31 days are incomplete"))
    }
}
