import Testing
import TidemarkCommerce
import TidemarkNormalize

@testable import TidemarkMetrics

/// Refunds, returns and platform fees in the finance view: their own month, their order's market, SKU rows
/// where they name a SKU and the summary otherwise; estimates only where a platform has no fee export.
@Suite struct SalesMarginRefundsAndFeesTests {
    static let de = Market(code: "DE")!
    static let fr = Market(code: "FR")!
    static let p = Provenance(file: "t", line: 1)

    static func line(_ order: String, _ sku: String, _ market: Market, _ day: String, qty: Int, amount: Int64, platform: Platform = .amazon) -> OrderLine {
        OrderLine(
            provenance: p, platform: platform, store: "", marketplace: "", market: market, orderID: order,
            orderTime: Timestamp(date: CivilDate(iso: day)!, hour: 12, minute: 0, second: 0, utcOffsetSeconds: 0), status: .shipped,
            sku: sku, quantity: qty, currency: .EUR, itemAmount: Money(micros: amount), tax: .zero, shippingCharged: .zero,
            discount: .zero, customerKey: nil, sourceUpdatedAt: nil)
    }

    static func calculator(estimates: [Platform: Ratio] = [:]) -> SalesMarginCalculator {
        // USD at 1.25 per EUR on 2026-02-02: 10.00 USD = 8.00 EUR.
        let table = FXTable(base: .EUR, rates: [FXRate(date: CivilDate(iso: "2026-02-02")!, base: .EUR, currency: .USD, rate: ExchangeRate(scaled: 12_500_000_000)!)])
        return SalesMarginCalculator(converter: CurrencyConverter(table: table, target: .EUR), costs: CostBook([]), zone: .utc, feeEstimates: estimates)
    }

    @Test func refundsLandInTheirOwnMonthUnderTheOrdersMarket() throws {
        let c = Self.calculator()
        let acc = c.makeAccumulator()
        // January: O-1 sells 2 × A in DE for 40.00.
        c.add(Self.line("O-1", "A", Self.de, "2026-01-20", qty: 2, amount: 40_000_000), to: acc)
        // February: a 10.00 USD refund of O-1/A (8.00 EUR at 1.25) with 1 unit returned. The refund export says FR,
        // but the order is DE: the order's market wins.
        c.add(Refund(provenance: Self.p, platform: .amazon, market: Self.fr, orderID: "O-1", sku: "A", refundDate: CivilDate(iso: "2026-02-02")!, amount: Money(micros: 10_000_000), currency: .USD, unitsReturned: 1, reason: nil), to: acc)
        let t = c.finish(acc)
        let jan = try #require(t.detail.first { $0.month == YearMonth("2026-01")! })
        // No refund source covers January (the only refund is dated February): unknown, not zero.
        #expect(jan.refunds == nil)
        #expect(jan.unitsReturned == nil)
        let feb = try #require(t.detail.first { $0.month == YearMonth("2026-02")! })
        #expect(feb.market == Self.de)
        #expect(feb.units == 0 && feb.orders == 0)
        #expect(feb.refunds == Money(micros: 8_000_000))
        #expect(feb.netRevenue == Money(micros: -8_000_000))  // 0 − 0 − 8.00
        #expect(feb.unitsReturned == 1)
        #expect(feb.returnRate == nil)  // no units sold in February: no rate
        #expect(!t.detail.contains { $0.market == Self.fr })
    }

    @Test func feesWithoutSKUAppearOnlyInTheSummary() throws {
        let c = Self.calculator()
        let acc = c.makeAccumulator()
        c.add(Self.line("O-1", "A", Self.de, "2026-01-20", qty: 1, amount: 20_000_000), to: acc)
        c.add(Self.line("O-2", "B", Self.de, "2026-01-21", qty: 1, amount: 30_000_000), to: acc)
        // Commission on O-1/A 3.00; a storage fee with no order or SKU 5.00 in DE.
        c.add(PlatformFee(provenance: Self.p, platform: .amazon, market: Self.fr, orderID: "O-1", sku: "A", date: CivilDate(iso: "2026-01-22")!, type: .commission, amount: Money(micros: 3_000_000), currency: .EUR), to: acc)
        c.add(PlatformFee(provenance: Self.p, platform: .amazon, market: Self.de, orderID: nil, sku: nil, date: CivilDate(iso: "2026-01-31")!, type: .storage, amount: Money(micros: 5_000_000), currency: .EUR), to: acc)
        let t = c.finish(acc)
        #expect(t.detail.first { $0.sku == "A" }?.platformFees == Money(micros: 3_000_000))
        #expect(t.detail.first { $0.sku == "B" }?.platformFees == .zero)
        #expect(t.detail.allSatisfy { !$0.feesEstimated })
        let summary = try #require(t.summary.first)
        #expect(t.summary.count == 1)
        // 3.00 + 0.00 + 5.00 (no SKU) = 8.00; orders 2, gross 50.00.
        #expect(summary.platformFees == Money(micros: 8_000_000))
        #expect(summary.orders == 2)
        #expect(summary.grossSales == Money(micros: 50_000_000))
    }

    @Test func aPlatformWithoutFeeExportGetsTheConfiguredEstimateMarked() throws {
        // eBay estimated at 13 %: 13/100 × 45.50 = 5.915 EUR.
        let c = Self.calculator(estimates: [.ebay: Ratio(13, 100)!])
        let acc = c.makeAccumulator()
        c.add(Self.line("E-1", "A", Self.de, "2026-01-05", qty: 1, amount: 45_500_000, platform: .ebay), to: acc)
        c.add(Self.line("A-1", "A", Self.de, "2026-01-05", qty: 1, amount: 10_000_000, platform: .amazon), to: acc)
        let t = c.finish(acc)
        let ebay = try #require(t.summary.first { $0.platform == .ebay })
        #expect(ebay.platformFees == Money(micros: 5_915_000))
        #expect(ebay.feesEstimated)
        // Amazon has neither a fee source nor an estimate: unknown, not zero.
        let amazon = try #require(t.summary.first { $0.platform == .amazon })
        #expect(amazon.platformFees == nil)
        #expect(!amazon.feesEstimated)
    }

    @Test func feesAreZeroOnlyWhereAFeeSourceCoversThePlatformMarketAndMonth() throws {
        let c = Self.calculator()
        let acc = c.makeAccumulator()
        c.add(Self.line("O-1", "A", Self.de, "2026-01-20", qty: 1, amount: 20_000_000), to: acc)
        c.add(Self.line("O-2", "B", Self.de, "2026-01-21", qty: 1, amount: 30_000_000), to: acc)
        c.add(Self.line("O-3", "A", Self.fr, "2026-01-22", qty: 1, amount: 10_000_000), to: acc)
        // A DE settlement covers DE in January: B without a fee of its own is a true 0.00; FR has no source: unknown.
        c.add(PlatformFee(provenance: Self.p, platform: .amazon, market: Self.de, orderID: "O-1", sku: "A", date: CivilDate(iso: "2026-01-22")!, type: .commission, amount: Money(micros: 3_000_000), currency: .EUR), to: acc)
        let t = c.finish(acc)
        #expect(t.detail.first { $0.market == Self.de && $0.sku == "B" }?.platformFees == .zero)
        #expect(t.detail.first { $0.market == Self.fr }?.platformFees == nil)
        #expect(t.summary.first { $0.market == Self.fr }?.platformFees == nil)
    }

    @Test func returnRateIsUnitsReturnedOverUnitsSoldInTheSameMonth() throws {
        let c = Self.calculator()
        let acc = c.makeAccumulator()
        c.add(Self.line("O-1", "A", Self.de, "2026-01-03", qty: 3, amount: 30_000_000), to: acc)
        c.add(Self.line("O-2", "A", Self.de, "2026-01-04", qty: 5, amount: 50_000_000), to: acc)
        // 2 units returned in January (amount 0: the money comes from a settlement export).
        c.add(Refund(provenance: Self.p, platform: .amazon, market: Self.de, orderID: "O-1", sku: "A", refundDate: CivilDate(iso: "2026-01-25")!, amount: .zero, currency: .EUR, unitsReturned: 2, reason: "defective"), to: acc)
        let t = c.finish(acc)
        let row = try #require(t.detail.first)
        #expect(row.unitsReturned == 2)
        // 2 / (3 + 5) = 0.25
        #expect(row.returnRate?.formatted(decimals: 4) == "0.2500")
        #expect(row.refunds == .zero)
    }

    @Test func anUnconvertibleRefundIsLeftOutAndFlagged() {
        let c = Self.calculator()
        let acc = c.makeAccumulator()
        c.add(Self.line("O-1", "A", Self.de, "2026-01-20", qty: 1, amount: 10_000_000), to: acc)
        // No GBP rate at all.
        c.add(Refund(provenance: Self.p, platform: .amazon, market: Self.de, orderID: "O-1", sku: "A", refundDate: CivilDate(iso: "2026-01-21")!, amount: Money(micros: 5_000_000), currency: .GBP, unitsReturned: 0, reason: nil), to: acc)
        let t = c.finish(acc)
        #expect(t.detail.first?.refunds == .zero)
        #expect(t.flags.contains { $0.rule == "fx_missing" && $0.dimensions["currency"] == "GBP" })
    }
}
