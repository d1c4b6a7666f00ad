import Testing
import TidemarkCommerce

@testable import TidemarkMetrics

@Suite("Cohort CLV")
struct CLVCohortsTests {
    static let de = Market(code: "DE")!
    static let fr = Market(code: "FR")!

    static func order(_ key: String, _ iso: String, _ market: Market, _ cents: Int64, margin: Int64?) -> CohortOrder {
        CohortOrder(
            customerKey: key, date: CivilDate(iso: iso)!, market: market, netRevenue: Money(micros: cents * 10_000),
            contributionMargin: margin.map { Money(micros: $0 * 10_000) })
    }

    /// Jan DE: A (first 01-05), B (first 01-31, one order without a known margin).
    /// Jan FR: C (60.00), F (0.01), G (0.00).  Feb DE: D (two orders on 02-03, DE and FR: DE wins the tie), E.
    static let orders = [
        order("A", "2026-01-05", de, 100_00, margin: 30_00), order("A", "2026-01-20", de, 50_00, margin: 10_00),
        order("A", "2026-03-02", fr, 40_00, margin: 12_00),
        order("B", "2026-01-31", de, 80_00, margin: nil), order("B", "2026-02-15", de, 20_00, margin: 5_00),
        order("C", "2026-01-10", fr, 60_00, margin: 20_00), order("C", "2026-04-20", fr, 10_00, margin: 2_00),
        order("F", "2026-01-15", fr, 1, margin: 1), order("G", "2026-01-25", fr, 0, margin: 0),
        order("D", "2026-02-03", fr, 25_00, margin: 8_00), order("D", "2026-02-03", de, 30_00, margin: 9_00),
        order("E", "2026-02-28", de, 10_00, margin: 3_00), order("E", "2026-05-29", de, 5_00, margin: 1_00),
    ]

    @Test func cohortTableByHand() {
        let rows = CohortCLV.table(Self.orders, through: YearMonth(year: 2026, month: 3)!)
        func row(_ m: Int, _ market: Market, _ k: Int) -> CohortCLVRow {
            rows.first { $0.cohort == Cohort(month: YearMonth(year: 2026, month: m)!, market: market) && $0.monthsSince == k }!
        }
        // 2026-01 DE (A, B) through March: k = 0, 1, 2; 2026-01 FR: 3 rows; 2026-02 DE: 2 rows.
        #expect(rows.count == 8)
        // k0: A 100 + A 50 + B 80 = 230.00 / 2 = 115.00; both active; B's first order has no margin → none.
        #expect(row(1, Self.de, 0).customers == 2 && row(1, Self.de, 0).activeCustomers == 2)
        #expect(row(1, Self.de, 0).cumulativeNetRevenuePerCustomer == Money(units: 115))
        #expect(row(1, Self.de, 0).cumulativeContributionMarginPerCustomer == nil)
        // k1: + B 20 = 250.00 / 2 = 125.00, 1 active; k2: + A's FR order 40 = 290.00 / 2 = 145.00.
        #expect(row(1, Self.de, 1).cumulativeNetRevenuePerCustomer == Money(units: 125))
        #expect(row(1, Self.de, 1).activeCustomers == 1)
        #expect(row(1, Self.de, 2).cumulativeNetRevenuePerCustomer == Money(units: 145))
        #expect(row(1, Self.de, 2).cumulativeNetRevenue == Money(units: 290))
        #expect(row(1, Self.de, 2).cumulativeContributionMarginPerCustomer == nil)
        // Jan FR: 60.00 + 0.01 + 0.00 = 60.01 / 3 = 20.003333|3 → 20.003333; margin 20.01 / 3 = 6.67.
        #expect(row(1, Self.fr, 0).customers == 3)
        #expect(row(1, Self.fr, 0).cumulativeNetRevenuePerCustomer == Money(micros: 20_003_333))
        #expect(row(1, Self.fr, 0).cumulativeContributionMarginPerCustomer == Money(micros: 6_670_000))
        // C's April order is after `through`: March is still 20.003333, nobody active.
        #expect(row(1, Self.fr, 2).cumulativeNetRevenuePerCustomer == Money(micros: 20_003_333))
        #expect(row(1, Self.fr, 2).activeCustomers == 0)
        // Feb DE (D, E): 30 + 25 + 10 = 65.00 / 2 = 32.50; margin 9 + 8 + 3 = 20.00 / 2 = 10.00.
        #expect(row(2, Self.de, 0).cumulativeNetRevenuePerCustomer == Money(micros: 32_500_000))
        #expect(row(2, Self.de, 0).cumulativeContributionMarginPerCustomer == Money(units: 10))
        #expect(row(2, Self.de, 1).cumulativeNetRevenuePerCustomer == Money(micros: 32_500_000))
        #expect(row(2, Self.de, 1).activeCustomers == 0)
        // Sorted by cohort (month, market), then k.
        #expect(rows.map(\.monthsSince) == [0, 1, 2, 0, 1, 2, 0, 1])
    }

    @Test func refundsLowerNetRevenueAndMarginInTheirMonth() {
        // Feb DE (D, E): E gets 4.00 back on 2026-03-10 (k1) and D 99.00 in April, after `through`; X has no order.
        let refunds = [
            CLVPurchase(customerKey: "E", date: CivilDate(iso: "2026-03-10")!, amount: Money(units: 4)),
            CLVPurchase(customerKey: "D", date: CivilDate(iso: "2026-04-02")!, amount: Money(units: 99)),
            CLVPurchase(customerKey: "X", date: CivilDate(iso: "2026-02-10")!, amount: Money(units: 7)),
        ]
        let rows = CohortCLV.table(Self.orders, refunds: refunds, through: YearMonth(year: 2026, month: 3)!)
        let feb = rows.filter { $0.cohort == Cohort(month: YearMonth(year: 2026, month: 2)!, market: Self.de) }
        // k0 as without refunds: 65.00 / 2 = 32.50, margin 20.00 / 2 = 10.00. k1: (65.00 − 4.00) / 2 = 30.50,
        // margin (20.00 − 4.00) / 2 = 8.00; nobody active (a refund is not an order).
        #expect(feb.map(\.cumulativeNetRevenuePerCustomer) == [Money(micros: 32_500_000), Money(micros: 30_500_000)])
        #expect(feb.map(\.cumulativeContributionMarginPerCustomer) == [Money(units: 10), Money(units: 8)])
        #expect(feb.map(\.activeCustomers) == [2, 0])
        // The other cohorts are untouched.
        let without = CohortCLV.table(Self.orders, through: YearMonth(year: 2026, month: 3)!)
        #expect(rows.filter { $0.cohort.month.month == 1 } == without.filter { $0.cohort.month.month == 1 })
    }

    @Test func theFirstOrdersMarketDecidesTheCohortWhateverTheInputOrder() {
        let c = CohortCLV.cohorts(Self.orders.reversed())
        #expect(c["D"] == Cohort(month: YearMonth(year: 2026, month: 2)!, market: Self.de))
        #expect(c["A"] == Cohort(month: YearMonth(year: 2026, month: 1)!, market: Self.de))
        #expect(CohortCLV.table(Self.orders.reversed(), through: YearMonth(year: 2026, month: 3)!)
            == CohortCLV.table(Self.orders, through: YearMonth(year: 2026, month: 3)!))
    }

    @Test func ninetyDayRepurchaseByHand() {
        let r = CohortCLV.repurchase(Self.orders, asOf: CivilDate(iso: "2026-06-30")!)
        #expect(r.map(\.cohort.market) == [Self.de, Self.fr, Self.de])
        // Jan DE: A 01-05 → 01-20 (15 days), B 01-31 → 02-15 (15 days): 2 of 2.
        #expect(r[0].customers == 2 && r[0].repurchased == 2)
        #expect(r[0].rate?.formatted() == "1.0000")
        // Jan FR: C 01-10 → 04-20 is 21 + 28 + 31 + 20 = 100 days (too late); F and G bought once: 0 of 3.
        #expect(r[1].customers == 3 && r[1].repurchased == 0)
        // Feb DE: D's two orders are on the same day (not a repurchase); E 02-28 → 05-29 is 31 + 30 + 29 = 90
        // days (just inside): 1 of 2.
        #expect(r[2].customers == 2 && r[2].repurchased == 1)
        #expect(r[2].rate?.formatted() == "0.5000")
        // Windows: January's last day + 90 = 05-01, February's = 05-29, both ≤ 06-30.
        #expect(r.allSatisfy { $0.windowComplete })
    }

    @Test func anIncompleteWindowIsMarkedAndLaterOrdersAreNotSeen() {
        let r = CohortCLV.repurchase(Self.orders, asOf: CivilDate(iso: "2026-05-28")!)
        // E's 05-29 order is after as-of: Feb DE 0 of 2, and its window (to 05-29) is not complete.
        #expect(r[2].repurchased == 0)
        #expect(!r[2].windowComplete)
        #expect(r[0].windowComplete)
    }

    @Test func monthsBetween() {
        #expect(CohortCLV.monthsBetween(YearMonth(year: 2025, month: 11)!, YearMonth(year: 2026, month: 2)!) == 3)
        #expect(CohortCLV.monthsBetween(YearMonth(year: 2026, month: 2)!, YearMonth(year: 2026, month: 2)!) == 0)
    }
}
