import Testing
import TidemarkCommerce
import TidemarkNormalize

@testable import TidemarkMetrics

/// Orders (amazon, DE unless said):
/// - A1 2026-03-05: X 30.00, Y 10.00, Z 50.00 cancelled. Parcels: freight 10.00 EUR + duty 4.00 EUR; a second
///   parcel fuel 2.50 USD = 2.00 EUR (shipped 2026-03-06).
/// - B1 2026-02-27 (February order shipped in March): W 0.00 (a free replacement) → no proportion, order level.
/// - C1 2026-03-05: three lines of 5.00 (P, Q, R) sharing freight 10.00 → 3.333334, 3.333333, 3.333333.
/// Unlinked: a parcel without order id (freight 6.00), one naming order "NOPE" (freight 1.00, duty 0.50), one naming
/// order D1 whose only line is cancelled (freight 2.00), all dhl → DE in March.
@Suite struct ShippingAllocationTests {
    static let march = KPI.m("2026-03")

    static let parcels = [
            KPI.parcel("T1", order: "A1", charges: [.freight: cents(10_00), .dutyTax: cents(4_00)]),
            KPI.parcel("T2", order: "A1", ship: "2026-03-06", charges: [.fuel: cents(2_50)], currency: .USD),
            KPI.parcel("T3", order: "B1", charges: [.freight: cents(3_00)]),
            KPI.parcel("T4", order: "C1", charges: [.freight: cents(10_00)]),
            KPI.parcel("T5", charges: [.freight: cents(6_00)]),
            KPI.parcel("T6", order: "NOPE", charges: [.freight: cents(1_00), .dutyTax: cents(50)]),
            KPI.parcel("T7", order: "D1", charges: [.freight: cents(2_00)]),
        ]
    static let lines = [
            KPI.line("A1", "2026-03-05", sku: "X", item: cents(30_00)),
            KPI.line("A1", "2026-03-05", sku: "Y", item: cents(10_00)),
            KPI.line("A1", "2026-03-05", sku: "Z", item: cents(50_00), status: .cancelled),
            KPI.line("B1", "2026-02-27", sku: "W", item: .zero),
            KPI.line("C1", "2026-03-05", sku: "P", item: cents(5_00)),
            KPI.line("C1", "2026-03-05", sku: "Q", item: cents(5_00)),
            KPI.line("C1", "2026-03-05", sku: "R", item: cents(5_00)),
            KPI.line("D1", "2026-03-05", sku: "X", status: .cancelled),
            KPI.line("E1", "2026-03-05", sku: "X"),  // no parcel: not kept
        ]

    static func allocation() -> ShippingAllocation {
        let calc = ShippingAllocator(converter: KPI.converter(), zone: .utc)
        let acc = calc.makeAccumulator()
        for p in parcels { calc.add(p, to: acc) }
        for l in lines { calc.add(l, to: acc) }
        return calc.finish(acc)
    }

    static func row(_ sku: String?, month: YearMonth = march) -> ShippingAllocationRow? {
        allocation().rows.first { $0.sku == sku && $0.month == month }
    }

    @Test func splitsAFreightChargeInProportionToItemAmounts() throws {
        // Freight 10.00 + fuel 2.00 = 12.00 over X 30.00 and Y 10.00 (Z cancelled): 12 × 30/40 = 9.00, 12 × 10/40 = 3.00.
        // Of which freight alone: 10 × 30/40 = 7.50 and 10 × 10/40 = 2.50. Duty 4.00 → 3.00 and 1.00.
        let x = try #require(Self.row("X"))
        let y = try #require(Self.row("Y"))
        #expect(x.shippingFulfilment == cents(9_00) && y.shippingFulfilment == cents(3_00))
        #expect(x.duties == cents(3_00) && y.duties == cents(1_00))
        #expect(Self.row("Z") == nil)
    }

    @Test func parcelsAddedAfterLinesBeganJoinTheSameOrders() {
        // Lines are looked up in a sorted list of the orders with parcels, built at the first line; a parcel after
        // that (A1's second, and B1's and C1's first) turns the list back into the order map and the next line sorts
        // it again. The allocation is the one of every parcel first.
        let calc = ShippingAllocator(converter: KPI.converter(), zone: .utc)
        let acc = calc.makeAccumulator()
        for p in Self.parcels where ["T1", "T5", "T6", "T7"].contains(p.trackingNumber) { calc.add(p, to: acc) }
        for l in Self.lines where l.orderID == "A1" { calc.add(l, to: acc) }
        for p in Self.parcels where ["T2", "T3", "T4"].contains(p.trackingNumber) { calc.add(p, to: acc) }
        for l in Self.lines where l.orderID != "A1" { calc.add(l, to: acc) }
        let late = calc.finish(acc), first = Self.allocation()
        #expect(late.rows == first.rows)
        #expect(late.unlinked == first.unlinked)
        #expect(late.shipmentMonths == first.shipmentMonths && late.chargesWithoutRate == first.chargesWithoutRate)
        #expect(late.rows.count == 6)
    }

    @Test func tenEurosOverThirtyAndTenIsSevenFiftyAndTwoFifty() {
        #expect(ShippingAllocator.allocate(cents(10_00), weights: [cents(30_00).micros, cents(10_00).micros]) == [cents(7_50), cents(2_50)])
    }

    @Test func roundingRemainderKeepsTheTotalExact() throws {
        // 10.00 / 3 = 3.333333…; the three shares are rounded to 3.333333 and the 0.000001 left over goes to the first
        // line (equal weights: the smallest key, P).
        let p = try #require(Self.row("P")), q = try #require(Self.row("Q")), r = try #require(Self.row("R"))
        #expect(p.shippingFulfilment == Money(micros: 3_333_334))
        #expect(q.shippingFulfilment == Money(micros: 3_333_333) && r.shippingFulfilment == Money(micros: 3_333_333))
        #expect(p.shippingFulfilment + q.shippingFulfilment + r.shippingFulfilment == cents(10_00))
        #expect(ShippingAllocator.allocate(cents(1_00), weights: [0, 0]) == nil)
    }

    @Test func withoutAProportionTheOrderLevelRowTakesTheChargeInTheOrdersMonth() throws {
        let b = try #require(Self.row(nil, month: KPI.m("2026-02")))
        #expect(b.platform == .amazon && b.market == KPI.de)
        #expect(b.shippingFulfilment == cents(3_00) && b.duties == .zero)
    }

    @Test func unlinkedChargesAreReportedOnTheirOwn() {
        let a = Self.allocation()
        // No order id 6.00 + unknown order 1.00 + cancelled-only order 2.00 = 9.00; duty 0.50.
        #expect(a.unlinked == [
            UnlinkedShippingRow(month: Self.march, carrier: "dhl", market: KPI.de, shipments: 3, shippingFulfilment: cents(9_00), duties: cents(50))
        ])
        #expect(a.shipmentMonths == [Self.march])
        #expect(a.chargesWithoutRate == 0)
        // Everything charged is somewhere: 10 + 2 + 3 + 10 + 6 + 1 + 2 = 34.00 shipping, 4.00 + 0.50 duty.
        #expect(Money.sum(a.rows.map(\.shippingFulfilment)) + a.unlinked[0].shippingFulfilment == cents(34_00))
        #expect(Money.sum(a.rows.map(\.duties)) + a.unlinked[0].duties == cents(4_50))
        #expect(a.rows.map { "\($0.month) \($0.sku ?? "-")" } == ["2026-02 -", "2026-03 P", "2026-03 Q", "2026-03 R", "2026-03 X", "2026-03 Y"])
    }
}
