import Testing
import TidemarkTestSupport
import TidemarkCommerce
import TidemarkNormalize

@testable import TidemarkMetrics

/// An amount in cents, for readable expectations: `cents(34_99)` = 34.99.
func cents(_ c: Int64) -> Money { Money(micros: c * 10_000) }

/// A hand-made month of sales whose figures are worked out by hand below.
///
/// Reporting currency EUR; FX table against EUR (ECB style), USD per 1 EUR:
///   2026-01-02 1.25, 2026-01-12 1.25, 2026-02-01 1.60 (so 1 USD = 0.80 EUR in January, 0.625 EUR in February).
/// Unit costs: A generic 4.00 EUR from 2025-01-01 and 4.40 EUR from 2026-01-15; A in US 5.00 USD from 2026-01-01;
/// B generic 3.00 USD from 2025-01-01; C and D none.
enum Shop {
    static let de = Market(code: "DE")!
    static let us = Market(code: "US")!

    static let rates = [
        FXRate(date: CivilDate(iso: "2026-01-02")!, base: .EUR, currency: .USD, rate: ExchangeRate(scaled: 12_500_000_000)!),
        FXRate(date: CivilDate(iso: "2026-01-12")!, base: .EUR, currency: .USD, rate: ExchangeRate(scaled: 12_500_000_000)!),
        FXRate(date: CivilDate(iso: "2026-02-01")!, base: .EUR, currency: .USD, rate: ExchangeRate(scaled: 16_000_000_000)!),
    ]

    static let costs = [
        UnitCost(provenance: Provenance(file: "c", line: 2), sku: "A", market: nil, validFrom: CivilDate(iso: "2025-01-01")!, unitCost: cents(4_00), currency: .EUR),
        UnitCost(provenance: Provenance(file: "c", line: 3), sku: "A", market: nil, validFrom: CivilDate(iso: "2026-01-15")!, unitCost: cents(4_40), currency: .EUR),
        UnitCost(provenance: Provenance(file: "c", line: 4), sku: "A", market: us, validFrom: CivilDate(iso: "2026-01-01")!, unitCost: cents(5_00), currency: .USD),
        UnitCost(provenance: Provenance(file: "c", line: 5), sku: "B", market: nil, validFrom: CivilDate(iso: "2025-01-01")!, unitCost: cents(3_00), currency: .USD),
    ]

    static func line(
        _ order: String, _ date: String, _ market: Market, _ currency: Currency, _ sku: String, qty: Int, item: Money,
        ship: Money = .zero, tax: Money = .zero, discount: Money = .zero, status: OrderStatus = .shipped,
        hour: Int = 12, platform: Platform = .amazon
    ) -> OrderLine {
        OrderLine(
            provenance: Provenance(file: "orders.txt", line: 2), platform: platform, store: "s", marketplace: "",
            market: market, orderID: order,
            orderTime: Timestamp(date: CivilDate(iso: date)!, hour: hour, minute: 0, second: 0, utcOffsetSeconds: 0),
            status: status, sku: sku, quantity: qty, currency: currency, itemAmount: item, tax: tax, shippingCharged: ship,
            discount: discount, customerKey: nil, sourceUpdatedAt: nil)
    }

    static let lines: [OrderLine] = [
        // L1, L2: one order (O-1) with two SKUs.
        line("O-1", "2026-01-05", de, .EUR, "A", qty: 2, item: cents(20_00), ship: cents(4_99), tax: cents(4_75), discount: cents(2_00)),
        line("O-1", "2026-01-05", de, .EUR, "B", qty: 1, item: cents(15_00), tax: cents(2_85)),
        // L3: a discount; A's cost changed to 4.40 on 2026-01-15.
        line("O-2", "2026-01-20", de, .EUR, "A", qty: 1, item: cents(10_00), tax: cents(1_90), discount: cents(50)),
        // L4: cancelled: nothing.
        line("O-3", "2026-01-21", de, .EUR, "A", qty: 3, item: cents(30_00), status: .cancelled),
        // L5: C has no cost.
        line("O-4", "2026-02-03", de, .EUR, "C", qty: 1, item: cents(8_00), ship: cents(1_00)),
        line("O-5", "2026-02-10", de, .EUR, "A", qty: 1, item: cents(12_00)),
        // L7, L8: USD on 2026-01-15, converted with the 2026-01-12 rate (3 days back).
        line("U-1", "2026-01-15", us, .USD, "A", qty: 1, item: cents(25_00), ship: cents(5_00), tax: cents(2_00)),
        line("U-2", "2026-01-15", us, .USD, "B", qty: 2, item: cents(40_00), discount: cents(4_00)),
        line("U-3", "2026-02-05", us, .USD, "B", qty: 1, item: cents(16_00)),
        // L10: 2026-02-20 is 19 days after the last USD rate: unconvertible.
        line("U-4", "2026-02-20", us, .USD, "A", qty: 1, item: cents(50_00), tax: cents(5_00)),
        // L11, L12: groups with only cancelled lines (a SKU, a whole month).
        line("O-6", "2026-02-12", de, .EUR, "D", qty: 1, item: cents(5_00), status: .cancelled),
        line("O-7", "2026-03-02", de, .EUR, "A", qty: 1, item: cents(9_00), status: .cancelled),
    ]

    static func calculator(zone: ReportingTimeZone = .utc, period: ClosedRange<CivilDate>? = nil, rates: [FXRate] = Shop.rates)
        -> SalesMarginCalculator
    {
        SalesMarginCalculator(
            converter: CurrencyConverter(table: FXTable(base: .EUR, rates: rates), target: .EUR), costs: CostBook(costs),
            zone: zone, period: period)
    }

    static func tables(_ lines: [OrderLine] = Shop.lines, zone: ReportingTimeZone = .utc, period: ClosedRange<CivilDate>? = nil)
        -> SalesMarginTables
    {
        let calc = calculator(zone: zone, period: period)
        let acc = calc.makeAccumulator()
        for l in lines { calc.add(l, to: acc) }
        return calc.finish(acc)
    }

    static func row(
        _ month: String, _ market: Market, _ sku: String?, orders: Int, units: Int, gross: Money, discounts: Money = .zero,
        cogs: Money?, tax: Money = .zero
    ) -> SalesMarginRow {
        SalesMarginRow(
            month: YearMonth(month)!, market: market, platform: .amazon, sku: sku, orders: orders, units: units,
            grossSales: gross, discounts: discounts, refunds: nil, cogs: cogs, taxCollected: tax)
    }
}

@Suite("SalesMarginCalculator")
struct SalesMarginTests {
    // Detail rows worked by hand (EUR):
    //  2026-01 DE A: L1 + L3. orders {O-1, O-2} = 2; units 2 + 1 = 3; gross (20.00 + 4.99) + 10.00 = 34.99;
    //    discounts 2.00 + 0.50 = 2.50; tax 4.75 + 1.90 = 6.65; COGS 2 × 4.00 (01-05) + 1 × 4.40 (01-20) = 12.40.
    //  2026-01 DE B: L2. 1 order, 1 unit, gross 15.00, tax 2.85; COGS 3.00 USD / 1.25 (rate of 01-02) = 2.40.
    //  2026-01 US A: L7. gross (25 + 5) USD / 1.25 = 24.00; tax 2 / 1.25 = 1.60; COGS US cost 5.00 USD / 1.25 = 4.00.
    //  2026-01 US B: L8. 2 units; gross 40 / 1.25 = 32.00; discounts 4 / 1.25 = 3.20; COGS 2 × 3.00 / 1.25 = 4.80.
    //  2026-02 DE A: L6. gross 12.00; COGS 4.40.
    //  2026-02 DE C: L5. gross 8.00 + 1.00 = 9.00; no cost → COGS empty.
    //  2026-02 US B: L9. gross 16 / 1.60 = 10.00; COGS 3.00 / 1.60 = 1.875.
    //  L4, L11, L12 cancelled; L10 unconvertible: no trace in any row.
    static let expectedDetail: [SalesMarginRow] = [
        Shop.row("2026-01", Shop.de, "A", orders: 2, units: 3, gross: cents(34_99), discounts: cents(2_50), cogs: cents(12_40), tax: cents(6_65)),
        Shop.row("2026-01", Shop.de, "B", orders: 1, units: 1, gross: cents(15_00), cogs: cents(2_40), tax: cents(2_85)),
        Shop.row("2026-01", Shop.us, "A", orders: 1, units: 1, gross: cents(24_00), cogs: cents(4_00), tax: cents(1_60)),
        Shop.row("2026-01", Shop.us, "B", orders: 1, units: 2, gross: cents(32_00), discounts: cents(3_20), cogs: cents(4_80)),
        Shop.row("2026-02", Shop.de, "A", orders: 1, units: 1, gross: cents(12_00), cogs: cents(4_40)),
        Shop.row("2026-02", Shop.de, "C", orders: 1, units: 1, gross: cents(9_00), cogs: nil),
        Shop.row("2026-02", Shop.us, "B", orders: 1, units: 1, gross: cents(10_00), cogs: Money(micros: 1_875_000)),
    ]

    // Summary rows: sums of the detail rows, orders distinct across SKUs.
    //  2026-01 DE: orders {O-1, O-2} = 2 (O-1 has two SKUs, counted once); units 4; gross 49.99; discounts 2.50;
    //    tax 9.50; COGS 14.80.
    //  2026-01 US: orders 2; units 3; gross 56.00; discounts 3.20; tax 1.60; COGS 8.80.
    //  2026-02 DE: orders 2; units 2; gross 21.00; COGS empty (C has none).
    //  2026-02 US: orders 1 (U-4 left out); units 1; gross 10.00; COGS 1.875.
    static let expectedSummary: [SalesMarginRow] = [
        Shop.row("2026-01", Shop.de, nil, orders: 2, units: 4, gross: cents(49_99), discounts: cents(2_50), cogs: cents(14_80), tax: cents(9_50)),
        Shop.row("2026-01", Shop.us, nil, orders: 2, units: 3, gross: cents(56_00), discounts: cents(3_20), cogs: cents(8_80), tax: cents(1_60)),
        Shop.row("2026-02", Shop.de, nil, orders: 2, units: 2, gross: cents(21_00), cogs: nil),
        Shop.row("2026-02", Shop.us, nil, orders: 1, units: 1, gross: cents(10_00), cogs: Money(micros: 1_875_000)),
    ]

    @Test func detailRowsMatchTheHandComputation() {
        #expect(Shop.tables().detail == Self.expectedDetail)
    }

    @Test func summaryRowsMatchTheHandComputation() {
        #expect(Shop.tables().summary == Self.expectedSummary)
    }

    @Test func linesOfAnOrderArrivingApartAreDetectedBeforeFinishing() {
        // Order A's second line comes after order B's: counting orders by adjacency would count A twice, so the
        // accumulator says so (SalesComputation then fails the run with a message instead of trapping in finish).
        let de = Market(code: "DE")!
        let apart = [
            Shop.line("A", "2026-01-10", de, .EUR, "X", qty: 1, item: Money(micros: 10_000_000)),
            Shop.line("B", "2026-01-10", de, .EUR, "X", qty: 1, item: Money(micros: 10_000_000)),
            Shop.line("A", "2026-01-10", de, .EUR, "Y", qty: 1, item: Money(micros: 10_000_000)),
        ]
        let calc = Shop.calculator()
        let acc = calc.makeAccumulator()
        for l in apart { calc.add(l, to: acc) }
        #expect(!acc.orderLinesArrivedTogether)
        let together = Shop.calculator()
        let acc2 = together.makeAccumulator()
        for l in [apart[0], apart[2], apart[1]] { together.add(l, to: acc2) }
        #expect(acc2.orderLinesArrivedTogether)
        // 2 orders, 3 lines: one DE amazon summary row with 2 orders and 30.00 gross.
        let summary = together.finish(acc2).summary
        #expect(summary.count == 1 && summary[0].orders == 2 && summary[0].grossSales == Money(micros: 30_000_000))
    }

    @Test func anOrderWithTwoSKUsCountsOnceInTheSummary() {
        let t = Shop.tables()
        let janDE = t.detail.filter { $0.month == YearMonth("2026-01")! && $0.market == Shop.de }
        #expect(janDE.map(\.orders) == [2, 1])  // O-1 appears in both SKU rows
        #expect(t.summary.first?.orders == 2)  // but once in the summary
    }

    @Test func derivedFiguresFollowTheDefinitions() throws {
        let t = Shop.tables()
        let a = t.detail[0]  // 2026-01 DE A
        // net = 34.99 − 2.50 = 32.49; margin = 32.49 − 12.40 = 20.09; rate = 20.09 / 32.49 = 0.61834… → 0.6183;
        // AOV = 34.99 / 2 = 17.495.
        #expect(a.netRevenue == cents(32_49))
        #expect(a.grossMargin == cents(20_09))
        #expect(a.grossMarginRate?.formatted(decimals: 4) == "0.6183")
        #expect(a.averageOrderValue == Money(micros: 17_495_000))

        let usB = t.detail[3]  // 2026-01 US B: net = 32.00 − 3.20 = 28.80; margin = 28.80 − 4.80 = 24.00; 24/28.8 = 0.83333…
        #expect(usB.netRevenue == cents(28_80))
        #expect(usB.grossMargin == cents(24_00))
        #expect(usB.grossMarginRate?.formatted(decimals: 4) == "0.8333")
        #expect(usB.averageOrderValue == cents(32_00))

        let febUS = t.detail[6]  // 10.00 − 1.875 = 8.125; 8.125 / 10 = 0.8125
        #expect(febUS.grossMargin == Money(micros: 8_125_000))
        #expect(febUS.grossMarginRate?.formatted(decimals: 4) == "0.8125")

        let s = t.summary[0]  // 2026-01 DE: net 49.99 − 2.50 = 47.49; margin 47.49 − 14.80 = 32.69; AOV 49.99 / 2 = 24.995
        #expect(s.netRevenue == cents(47_49))
        #expect(s.grossMargin == cents(32_69))
        #expect(s.averageOrderValue == Money(micros: 24_995_000))
        // Tax is never revenue: net revenue ignores 9.50 of tax.
        #expect(s.taxCollected == cents(9_50))
    }

    @Test func aGroupWithoutCostHasNoCOGSOrMarginAndIsFlagged() throws {
        let t = Shop.tables()
        let c = try #require(t.detail.first { $0.sku == "C" })
        #expect(c.cogs == nil)
        #expect(c.grossMargin == nil)
        #expect(c.grossMarginRate == nil)
        #expect(c.netRevenue == cents(9_00))  // the sale itself still counts
        let febDE = try #require(t.summary.first { $0.month == YearMonth("2026-02")! && $0.market == Shop.de })
        #expect(febDE.cogs == nil)  // never A's 4.40 as if C cost nothing
        #expect(febDE.grossMargin == nil)

        let flag = try #require(t.flags.first { $0.rule == "cost_missing" })
        #expect(flag.severity == .warning)
        #expect(flag.dimensions == ["market": "DE", "platform": "amazon", "sku": "C"])
        #expect(flag.date == CivilDate(iso: "2026-02-01")!)
        #expect(flag.endDate == CivilDate(iso: "2026-02-28")!)
        #expect(t.flags.filter { $0.rule == "cost_missing" }.count == 1)
    }

    @Test func everyRowWithoutCostIsCoveredByACostMissingFlagNamingIt() {
        // SKU C (no cost) sells in DE in February on two platforms: both rows have empty COGS, and each row's
        // (market, platform, sku) should be named by a cost_missing flag.
        let lines = [
            Shop.line("O-1", "2026-02-03", Shop.de, .EUR, "C", qty: 1, item: cents(8_00), platform: .amazon),
            Shop.line("S-1", "2026-02-04", Shop.de, .EUR, "C", qty: 1, item: cents(7_00), platform: .shopify),
        ]
        let t = Shop.tables(lines)
        #expect(t.detail.count == 2)
        #expect(t.detail.allSatisfy { $0.cogs == nil })
        let named = Set(t.flags.filter { $0.rule == "cost_missing" }.map(\.dimensionsText))
        #expect(named.contains("market=DE;platform=amazon;sku=C"))
        #expect(named.contains("market=DE;platform=shopify;sku=C"))
    }

    @Test func anUnconvertibleLineIsLeftOutOfEveryFigureAndRaisesFxMissing() throws {
        let t = Shop.tables()
        #expect(t.linesWithoutRate == 1)
        // U-4 (A, US, 2026-02-20) leaves no row, no order, no unit, no amount anywhere.
        #expect(!t.detail.contains { $0.market == Shop.us && $0.sku == "A" && $0.month == YearMonth("2026-02")! })
        let febUS = try #require(t.summary.first { $0.month == YearMonth("2026-02")! && $0.market == Shop.us })
        #expect(febUS.orders == 1)
        #expect(febUS.units == 1)
        #expect(febUS.grossSales == cents(10_00))
        #expect(febUS.taxCollected == .zero)  // U-4's 5.00 USD tax is not there either

        let fx = t.flags.filter { $0.rule == "fx_missing" }
        #expect(fx.count == 1)
        let flag = try #require(fx.first)
        #expect(flag.severity == .critical)
        #expect(flag.dimensions == ["currency": "USD"])
        #expect(flag.date == CivilDate(iso: "2026-02-20")!)
        #expect(flag.endDate == CivilDate(iso: "2026-02-20")!)
        #expect(flag.explanation.contains("USD"))
        // Most severe first.
        #expect(t.flags.map(\.rule) == ["fx_missing", "cost_missing"])
    }

    @Test func everyFactLeftOutForAMissingRateIsListed() {
        // U-4 (orders.txt line 2 in Shop.lines) is dated 2026-02-20, 19 days after the last USD rate. A USD refund
        // of 7.50 on 2026-02-25 (returns.txt line 9) and a USD fee of 1.20 on 2026-02-26 (settlement.txt line 4)
        // have no rate either; a refund dated 2026-01-13 (one day after the 01-12 rate) converts and is not listed.
        let calc = Shop.calculator()
        let acc = calc.makeAccumulator()
        for l in Shop.lines { calc.add(l, to: acc) }
        calc.add(
            Refund(
                provenance: Provenance(file: "returns.txt", line: 9), platform: .amazon, market: Shop.de, orderID: "U-3", sku: "B",
                refundDate: CivilDate(iso: "2026-02-25")!, amount: cents(7_50), currency: .USD, unitsReturned: 1, reason: nil), to: acc)
        calc.add(
            Refund(
                provenance: Provenance(file: "returns.txt", line: 8), platform: .amazon, market: Shop.us, orderID: "U-1", sku: "A",
                refundDate: CivilDate(iso: "2026-01-13")!, amount: cents(5_00), currency: .USD, unitsReturned: 0, reason: nil), to: acc)
        calc.add(
            PlatformFee(
                provenance: Provenance(file: "settlement.txt", line: 4), platform: .amazon, market: Shop.us, orderID: nil, sku: nil,
                date: CivilDate(iso: "2026-02-26")!, type: .storage, amount: cents(1_20), currency: .USD), to: acc)
        let t = calc.finish(acc)
        // Sorted by file: orders.txt, returns.txt, settlement.txt. The order line's amount is its gross sales
        // (items 50.00 + shipping 0.00, tax left aside) in USD; the refund takes its order's market (U-3: US).
        #expect(
            t.unconverted == [
                UnconvertedFact(
                    kind: .orderLine, file: "orders.txt", line: 2, platform: .amazon, orderID: "U-4", sku: "A", market: Shop.us,
                    date: CivilDate(iso: "2026-02-20")!, currency: .USD, amount: cents(50_00)),
                UnconvertedFact(
                    kind: .refund, file: "returns.txt", line: 9, platform: .amazon, orderID: "U-3", sku: "B", market: Shop.us,
                    date: CivilDate(iso: "2026-02-25")!, currency: .USD, amount: cents(7_50)),
                UnconvertedFact(
                    kind: .fee, file: "settlement.txt", line: 4, platform: .amazon, orderID: "", sku: "", market: Shop.us,
                    date: CivilDate(iso: "2026-02-26")!, currency: .USD, amount: cents(1_20)),
            ])
        #expect(t.linesWithoutRate == 1)
    }

    @Test func aRateUpToSevenDaysOldIsUsedButNotOlder() {
        // USD rate only on 2026-02-01 (1.60). 2026-02-08 is 7 days later: converts. 2026-02-09 is 8: does not.
        let lines = [
            Shop.line("X-1", "2026-02-08", Shop.us, .USD, "B", qty: 1, item: cents(16_00)),
            Shop.line("X-2", "2026-02-09", Shop.us, .USD, "B", qty: 1, item: cents(16_00)),
        ]
        let t = Shop.tables(lines)
        #expect(t.detail.map(\.grossSales) == [cents(10_00)])
        #expect(t.detail.map(\.orders) == [1])
        #expect(t.linesWithoutRate == 1)
        #expect(t.flags.filter { $0.rule == "fx_missing" }.map(\.date) == [CivilDate(iso: "2026-02-09")!])
    }

    @Test func crossRatesGoThroughTheTablesBase() {
        // Reporting in USD with an EUR-based table: 2026-01-05 USD 1.25, GBP 0.80 per EUR.
        //  EUR 10.00 → 10 × 1.25 / 1 = 12.50 USD; GBP 8.00 → 8 × 1.25 / 0.80 = 12.50 USD;
        //  USD 3.00 stays 3.00. On 2026-01-20 there is no USD rate (15 days old): the EUR line cannot be converted.
        let d = CivilDate(iso: "2026-01-05")!
        let rates = [
            FXRate(date: d, base: .EUR, currency: .USD, rate: ExchangeRate(scaled: 12_500_000_000)!),
            FXRate(date: d, base: .EUR, currency: .GBP, rate: ExchangeRate(scaled: 8_000_000_000)!),
        ]
        let calc = SalesMarginCalculator(
            converter: CurrencyConverter(table: FXTable(base: .EUR, rates: rates), target: .USD), costs: CostBook([]), zone: .utc)
        let acc = calc.makeAccumulator()
        for l in [
            Shop.line("E-1", "2026-01-05", Shop.de, .EUR, "X", qty: 1, item: cents(10_00)),
            Shop.line("G-1", "2026-01-05", Shop.de, .GBP, "X", qty: 1, item: cents(8_00)),
            Shop.line("U-1", "2026-01-05", Shop.de, .USD, "X", qty: 1, item: cents(3_00)),
            Shop.line("E-2", "2026-01-20", Shop.de, .EUR, "X", qty: 1, item: cents(10_00)),
        ] { calc.add(l, to: acc) }
        let t = calc.finish(acc)
        #expect(t.summary.map(\.grossSales) == [cents(28_00)])  // 12.50 + 12.50 + 3.00
        #expect(t.summary.map(\.orders) == [3])
        #expect(t.linesWithoutRate == 1)
        let fx = t.flags.filter { $0.rule == "fx_missing" }
        #expect(fx.map(\.dimensions) == [["currency": "USD"]])  // the reporting currency's rate is the one missing
        #expect(fx.map(\.date) == [CivilDate(iso: "2026-01-20")!])
    }

    @Test func rowsWithNoNonZeroFigureAreAbsent() {
        let t = Shop.tables()
        // D was only ever cancelled; March only has a cancelled line.
        #expect(!t.detail.contains { $0.sku == "D" })
        #expect(!t.detail.contains { $0.month == YearMonth("2026-03")! })
        #expect(!t.summary.contains { $0.month == YearMonth("2026-03")! })
        #expect(t.detail.allSatisfy { $0.hasAnyFigure })
        #expect(t.summary.allSatisfy { $0.hasAnyFigure })
        // Only cancelled lines: no tables at all.
        let none = Shop.tables(Shop.lines.filter { $0.status == .cancelled })
        #expect(none.detail.isEmpty && none.summary.isEmpty && none.flags.isEmpty)
    }

    @Test func monthsOutsideTheRangeAreLeftOut() {
        let feb = YearMonth("2026-02")!
        let t = Shop.tables(period: feb.firstDay...feb.lastDay)
        #expect(t.detail == Self.expectedDetail.filter { $0.month == feb })
        #expect(t.summary == Self.expectedSummary.filter { $0.month == feb })
    }

    @Test func theMonthIsTheOrderDateInTheReportingTimeZone() throws {
        // 2026-01-31 23:30 UTC is 2026-02-01 00:30 in Berlin (UTC+1 in winter).
        let late = Shop.line("Z-1", "2026-01-31", Shop.de, .EUR, "A", qty: 1, item: cents(10_00))
        var l = late
        l.orderTime = Timestamp(secondsSinceEpoch: late.orderTime.secondsSinceEpoch + 11 * 3600 + 1800)
        let utc = Shop.tables([l])
        let berlin = Shop.tables([l], zone: try #require(ReportingTimeZone(identifier: "Europe/Berlin")))
        #expect(utc.summary.map(\.month.description) == ["2026-01"])
        #expect(berlin.summary.map(\.month.description) == ["2026-02"])
        // And the cost valid on that local date: 4.40 either way (changed 2026-01-15).
        #expect(berlin.detail.first?.cogs == cents(4_40))
    }

    @Test func theSummaryMoneyIsTheSumOfTheUnroundedDetailRows() {
        // Property over a deterministic pseudo-random shop: 400 lines, 3 months, 3 markets, 4 SKUs, EUR and USD
        // (rates daily), amounts with six decimals so that rounding would show.
        var rng = SeededRandom(seed: 0x5EED)
        let markets = [Shop.de, Shop.us, Market(code: "FR")!]
        let skus = ["A", "B", "C", "E"]
        var rates: [FXRate] = []
        for day in 0..<100 {
            let d = CivilDate(iso: "2026-01-01")!.advanced(by: day)
            rates.append(FXRate(date: d, base: .EUR, currency: .USD, rate: ExchangeRate(scaled: 10_000_000_000 + Int64(rng.next() % 3_000_000_000))!))
        }
        var lines: [OrderLine] = []
        for i in 0..<400 {
            let d = CivilDate(iso: "2026-01-01")!.advanced(by: Int(rng.next() % 95))
            let order = "P-\(i / 2 + Int(rng.next() % 3))"  // orders with several lines
            lines.append(
                Shop.line(
                    order, d.description, markets[Int(rng.next() % 3)], rng.next() % 2 == 0 ? .EUR : .USD, skus[Int(rng.next() % 4)],
                    qty: 1 + Int(rng.next() % 4), item: Money(micros: Int64(rng.next() % 100_000_000)),
                    ship: Money(micros: Int64(rng.next() % 5_000_000)), tax: Money(micros: Int64(rng.next() % 9_000_000)),
                    discount: Money(micros: Int64(rng.next() % 2_000_000)), status: rng.next() % 10 == 0 ? .cancelled : .shipped))
        }
        let calc = SalesMarginCalculator(
            converter: CurrencyConverter(table: FXTable(base: .EUR, rates: rates), target: .EUR), costs: CostBook(Shop.costs),
            zone: .utc)
        let acc = calc.makeAccumulator()
        // In the warehouse's key order, as the calculator requires (lines of one order together).
        for l in lines.sorted(by: { ($0.platform.name, $0.orderID, $0.sku) < ($1.platform.name, $1.orderID, $1.sku) }) { calc.add(l, to: acc) }
        let t = calc.finish(acc)

        #expect(!t.summary.isEmpty)
        for s in t.summary {
            let parts = t.detail.filter { $0.month == s.month && $0.market == s.market && $0.platform == s.platform }
            #expect(!parts.isEmpty)
            #expect(s.units == parts.reduce(0) { $0 + $1.units })
            #expect(s.grossSales == Money.sum(parts.map(\.grossSales)))
            #expect(s.discounts == Money.sum(parts.map(\.discounts)))
            #expect(s.taxCollected == Money.sum(parts.map(\.taxCollected)))
            #expect(s.netRevenue == Money.sum(parts.map(\.netRevenue)))
            if parts.allSatisfy({ $0.cogs != nil }) {
                #expect(s.cogs == Money.sum(parts.compactMap(\.cogs)))
                #expect(s.grossMargin == Money.sum(parts.compactMap(\.grossMargin)))
            } else {
                #expect(s.cogs == nil)
            }
            #expect(s.orders <= parts.reduce(0) { $0 + $1.orders })
            #expect(s.orders >= parts.map(\.orders).max()!)
        }
        // Independent count: distinct (month, market, order) over non-cancelled lines.
        let distinct = Set(lines.filter { $0.status != .cancelled }.map { "\($0.orderTime.utcDate.month)|\($0.market.code)|\($0.orderID)" })
        #expect(t.summary.reduce(0) { $0 + $1.orders } == distinct.count)
        #expect(t.linesWithoutRate == 0)
    }
}
