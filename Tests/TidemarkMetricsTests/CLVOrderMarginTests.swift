import Testing
import TidemarkCommerce
import TidemarkNormalize

@testable import TidemarkMetrics

/// Order contribution margins for the cohort table, worked by hand. EUR reporting currency, 1.25 USD per EUR.
@Suite("Order contribution margin")
struct CLVOrderMarginTests {
    typealias K = KPI

    static func cost(_ sku: String, _ market: Market?, _ c: Int64) -> UnitCost {
        UnitCost(provenance: Provenance(file: "costs.csv", line: 2), sku: sku, market: market, validFrom: K.d("2026-01-01"), unitCost: cents(c), currency: .EUR)
    }

    static func fee(_ order: String?, _ date: String, _ c: Int64, _ type: FeeType = .commission, platform: Platform = .ebay) -> PlatformFee {
        PlatformFee(
            provenance: Provenance(file: "fees.csv", line: 2), platform: platform, market: K.de, orderID: order, sku: nil, date: K.d(date),
            type: type, amount: cents(c), currency: .EUR)
    }

    static func calculator() -> OrderMarginCalculator {
        let calc = OrderMarginCalculator(
            converter: K.converter(), costs: CostBook([cost("A", nil, 10_00), cost("B", K.de, 5_00)]), zone: ReportingTimeZone.utc,
            feeEstimates: [.shopify: Ratio(29, 1000)!])
        let lines = [
            K.line("S1", "2026-03-10", sku: "A", item: cents(40_00), customer: "c1", platform: .shopify),
            K.line("S1", "2026-03-10", sku: "B", item: cents(20_00), customer: "c1", platform: .shopify),
            K.line("S1", "2026-03-10", sku: "NOCOST", item: cents(100_00), customer: "c1", status: .cancelled, platform: .shopify),
            K.line("S2", "2026-03-05", sku: "A", item: cents(25_00), customer: "c2", platform: .shopify, market: K.us, currency: .USD),
            K.line("E1", "2026-03-05", sku: "B", item: cents(30_00), customer: "c3", platform: .ebay),
            K.line("E2", "2026-03-20", sku: "B", item: cents(10_00), customer: "c3", platform: .ebay),
            K.line("Z1", "2026-03-15", sku: "NOCOST", item: cents(10_00), customer: "c4", platform: .shopify),
            K.line("A1", "2026-04-02", sku: "A", item: cents(50_00), platform: .amazon),
            K.line("S3", "2026-04-03", sku: "A", item: cents(50_00), customer: "c5", platform: .shopify),
        ]
        for l in lines { calc.add(l) }
        calc.add(fee("E1", "2026-03-06", 3_90))
        calc.add(fee("E1", "2026-03-06", 1_00, .advertising))
        let parcel = K.parcel("T1", order: "S1", ship: "2026-03-11", charges: [.freight: cents(6_00), .dutyTax: cents(2_50)])
        calc.add(parcel, charges: ShipmentCharge.of(parcel))
        return calc
    }

    func margin(_ calc: OrderMarginCalculator, _ platform: Platform, _ order: String, net: Int64) -> Money? {
        calc.costs(platform: platform, orderID: order)!.contributionMargin(netRevenue: cents(net))
    }

    @Test func estimatedFeesShippingAndDutiesAreDeducted() {
        let calc = Self.calculator()
        // S1: COGS 10.00 (A, generic) + 5.00 (B, DE) = 15.00; the cancelled NOCOST line counts for nothing.
        // Fees: no shopify fee source, estimate 0.029 × gross 60.00 = 1.74. Parcel T1: freight 6.00, duty 2.50.
        // CM = 60.00 − 15.00 − 1.74 − 6.00 − 2.50 = 34.76.
        let s1 = calc.costs(platform: .shopify, orderID: "S1")!
        #expect(s1 == OrderCosts(cogs: cents(15_00), platformFees: cents(1_74), shippingFulfilment: cents(6_00), duties: cents(2_50)))
        #expect(margin(calc, .shopify, "S1", net: 60_00) == cents(34_76))
        // S2 (03-05, rate of 03-02): 25.00 USD / 1.25 = 20.00 EUR gross; COGS 10.00; fee 0.029 × 20.00 = 0.58; March has parcels but
        // none names S2, so shipping and duties are 0. CM = 20.00 − 10.00 − 0.58 = 9.42.
        #expect(margin(calc, .shopify, "S2", net: 20_00) == cents(9_42))
    }

    @Test func actualFeesWhereAFeeSourceCoversTheMonth() {
        let calc = Self.calculator()
        // E1: eBay fee source covers DE in March; commission 3.90 names E1 (the 1.00 advertising charge is ad
        // spend, not a fee). CM = 30.00 − 5.00 − 3.90 = 21.10.
        #expect(calc.costs(platform: .ebay, orderID: "E1")!.platformFees == cents(3_90))
        #expect(margin(calc, .ebay, "E1", net: 30_00) == cents(21_10))
        // E2: covered, but no fee names it: fees 0. CM = 10.00 − 5.00 = 5.00.
        #expect(margin(calc, .ebay, "E2", net: 10_00) == cents(5_00))
    }

    @Test func unknownCostsLeaveTheMarginEmpty() {
        let calc = Self.calculator()
        // Z1: no unit cost for NOCOST.
        #expect(calc.costs(platform: .shopify, orderID: "Z1")!.cogs == nil)
        #expect(margin(calc, .shopify, "Z1", net: 10_00) == nil)
        // A1: amazon has neither a fee source nor an estimate; April has no parcels.
        let a1 = calc.costs(platform: .amazon, orderID: "A1")!
        #expect(a1.platformFees == nil && a1.shippingFulfilment == nil && a1.cogs == cents(10_00))
        // S3: fees estimated (0.029 × 50.00 = 1.45) but April has no parcels: shipping unknown.
        let s3 = calc.costs(platform: .shopify, orderID: "S3")!
        #expect(s3.platformFees == cents(1_45) && s3.shippingFulfilment == nil)
        #expect(margin(calc, .shopify, "S3", net: 50_00) == nil)
        #expect(calc.costs(platform: .shopify, orderID: "nope") == nil)
    }
}
