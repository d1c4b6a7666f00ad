import Testing
import TidemarkCommerce

@testable import TidemarkMetrics

@Suite("LTV:CAC per acquisition cohort")
struct LTVCACTests {
    static let de = Market(code: "DE")!
    static let fr = Market(code: "FR")!
    static let us = Market(code: "US")!
    static func m(_ t: String) -> YearMonth { YearMonth(t)! }
    static func eur(_ c: Int64) -> Money { Money(micros: c * 10_000) }

    static func channel(_ month: String, _ market: Market, _ platform: Platform, spend: Money, orders: Int?, customers: Int, marketSpend: Money) -> AcquisitionRow {
        AcquisitionRow(
            month: m(month), market: market, channel: platform, spend: spend, newCustomers: customers, attributedOrders: orders,
            attributedSales: nil, attributionWindow: .unstated, marketSpend: marketSpend, grossSales: nil, grossMarginRate: nil)
    }

    static func cohortRow(_ month: String, _ market: Market, _ k: Int, revenue: Int64, margin: Int64?) -> CohortCLVRow {
        CohortCLVRow(
            cohort: Cohort(month: m(month), market: market), monthsSince: k, customers: 1, activeCustomers: 1, cumulativeNetRevenue: eur(revenue),
            cumulativeNetRevenuePerCustomer: eur(revenue), cumulativeContributionMarginPerCustomer: margin.map(eur))
    }

    /// 2026-03 DE: 4 new customers; Amazon Ads 60.00 with 3 attributed orders, Google Ads 40.00 with 5 (capped at 4).
    /// 2026-03 FR: 2 new customers, no spend in FR although ads are loaded for March (spend 0).
    /// 2025-01 US: 5 new customers; Meta 50.00 without attributed orders.
    static func rows() -> [LTVCACRow] {
        let acquisition = AcquisitionTables(
            rows: [
                channel("2025-01", us, "meta_ads", spend: eur(50_00), orders: nil, customers: 5, marketSpend: eur(50_00)),
                channel("2026-03", de, "amazon_ads", spend: eur(60_00), orders: 3, customers: 4, marketSpend: eur(100_00)),
                channel("2026-03", de, "google_ads", spend: eur(40_00), orders: 5, customers: 4, marketSpend: eur(100_00)),
            ],
            markets: [
                AcquisitionMarketRow(month: m("2025-01"), market: us, spend: eur(50_00), newCustomers: 5, grossSales: nil),
                AcquisitionMarketRow(month: m("2026-03"), market: de, spend: eur(100_00), newCustomers: 4, grossSales: nil),
                AcquisitionMarketRow(month: m("2026-03"), market: fr, spend: .zero, newCustomers: 2, grossSales: nil),
                AcquisitionMarketRow(month: m("2026-04"), market: fr, spend: eur(10_00), newCustomers: 0, grossSales: nil),
            ],
            adRowsWithoutRate: 0)
        let deCohort = Cohort(month: m("2026-03"), market: de), frCohort = Cohort(month: m("2026-03"), market: fr)
        let members: [String: Cohort] = [
            "c1": deCohort, "c2": deCohort, "c3": deCohort, "c4": deCohort, "f1": frCohort, "f2": frCohort,
            "u1": Cohort(month: m("2025-01"), market: us),
        ]
        // Predictions for three of the four DE customers (c4 has none) and for nobody else.
        let predictive = ["c1": eur(100_00), "c2": eur(50_00), "c3": .zero, "x9": eur(1_000_00)]
        var cohorts = [cohortRow("2026-03", fr, 0, revenue: 30_00, margin: nil), cohortRow("2026-03", fr, 1, revenue: 45_00, margin: nil)]
        for k in 0...13 { cohorts.append(cohortRow("2025-01", us, k, revenue: Int64(100_00 + k * 10_00), margin: Int64(k == 11 ? 80_00 : 90_00))) }
        return LTVCAC.table(acquisition: acquisition, cohortOfCustomer: members, predictive: predictive, cohorts: cohorts)
    }

    @Test func predictiveCohortAgainstBlendedAndPaidCAC() throws {
        let rows = Self.rows()
        #expect(rows.map { "\($0.month) \($0.market.code) \($0.channel)" } == [
            "2025-01 US meta_ads", "2025-01 US organic", "2026-03 DE amazon_ads", "2026-03 DE google_ads", "2026-03 DE organic",
            "2026-03 FR organic",
        ])
        let amazon = rows[2], google = rows[3], organic = rows[4]
        // CLV = mean of c1, c2, c3 = (100 + 50 + 0) / 3 = 50.00; blended CAC = 100.00 / 4 = 25.00; LTV:CAC = 2.
        #expect(amazon.clv == Self.eur(50_00) && amazon.basis == .predictive && amazon.monthsObserved == nil)
        #expect(amazon.blendedCAC == Self.eur(25_00))
        #expect(amazon.ltvToCAC?.formatted() == "2.0000" && google.ltvToCAC?.formatted() == "2.0000" && organic.ltvToCAC?.formatted() == "2.0000")
        // Amazon Ads: 3 customers, paid CAC 60 / 3 = 20.00, CLV / paid CAC = 2.5. Google: min(5, 4) = 4, 40 / 4 = 10.00 → 5.
        #expect(amazon.channelCustomers == 3 && amazon.paidCAC == Self.eur(20_00) && amazon.ltvToPaidCAC?.formatted() == "2.5000")
        #expect(google.channelCustomers == 4 && google.paidCAC == Self.eur(10_00) && google.ltvToPaidCAC?.formatted() == "5.0000")
        // Organic: 4 − (3 + 4) is below 0 → 0; no paid CAC.
        #expect(organic.channelCustomers == 0 && organic.spend == .zero && organic.paidCAC == nil && organic.ltvToPaidCAC == nil)
    }

    @Test func historicalFallbackSaysWhatItIs() {
        let rows = Self.rows()
        // FR: no predictions → cohort table; margin unknown → net revenue per customer at the latest month (k = 1):
        // 45.00 over 2 months. No spend in FR → CAC 0 → no LTV:CAC.
        let fr = rows[5]
        #expect(fr.clv == Self.eur(45_00) && fr.basis == .historicalNetRevenue && fr.monthsObserved == 2)
        #expect(fr.channelCustomers == 2 && fr.blendedCAC == .zero && fr.ltvToCAC == nil)
        // US: margin known → the 12-month figure (k = 11: 80.00), not the later k = 13; 12 months observed.
        // Blended CAC 50.00 / 5 = 10.00 → LTV:CAC 8. Meta reports no attributed orders: its customers, its paid CAC
        // and the organic remainder are unknown.
        let meta = rows[0], organic = rows[1]
        #expect(meta.clv == Self.eur(80_00) && meta.basis == .historicalMargin && meta.monthsObserved == 12)
        #expect(meta.ltvToCAC?.formatted() == "8.0000")
        #expect(meta.channelCustomers == nil && meta.paidCAC == nil && organic.channelCustomers == nil)
    }
}
