import Testing
import TidemarkCommerce
import TidemarkNormalize

@testable import TidemarkMetrics

/// March 2026, DE: amazon_ads 10.00 for SKU A, 5.00 without a SKU; google_ads 8.00 naming SKU A (no selling platform
/// configured), 12.50 USD = 10.00 EUR in US for amazon_ads SKU B.
@Suite struct MarginAdSpendTests {
    static let march = KPI.m("2026-03")

    static func spend(mapping: AdPlatformMapping = AdPlatformMapping()) -> MarginAdSpend {
        let calc = MarginAdSpendCalculator(converter: KPI.converter(), mapping: mapping)
        let acc = calc.makeAccumulator()
        for ad in [
            KPI.ad("2026-03-03", "amazon_ads", spend: cents(6_00), sku: "A"),
            KPI.ad("2026-03-04", "amazon_ads", spend: cents(4_00), sku: "A"),
            KPI.ad("2026-03-04", "amazon_ads", spend: cents(5_00)),
            KPI.ad("2026-03-04", "google_ads", spend: cents(8_00), sku: "A"),
            KPI.ad("2026-03-05", "amazon_ads", market: KPI.us, currency: .USD, spend: cents(12_50), sku: "B"),
        ] {
            calc.add(ad, to: acc)
        }
        return calc.finish(acc)
    }

    @Test func amazonAdsSpendGoesToAmazonRowsAndOtherNetworksStayAtMarketLevel() {
        let s = Self.spend()
        #expect(s.rows == [
            AdSpendRow(month: Self.march, market: KPI.de, adPlatform: "amazon_ads", sellingPlatform: .amazon, sku: nil, spend: cents(5_00)),
            AdSpendRow(month: Self.march, market: KPI.de, adPlatform: "amazon_ads", sellingPlatform: .amazon, sku: "A", spend: cents(10_00)),
            // google_ads has no selling platform: its SKU cannot place it in a sales_margin row.
            AdSpendRow(month: Self.march, market: KPI.de, adPlatform: "google_ads", sellingPlatform: nil, sku: nil, spend: cents(8_00)),
            AdSpendRow(month: Self.march, market: KPI.us, adPlatform: "amazon_ads", sellingPlatform: .amazon, sku: "B", spend: cents(10_00)),
        ])
        #expect(s.detail(month: Self.march, market: KPI.de, platform: .amazon, sku: "A") == cents(10_00))  // 6 + 4
        #expect(s.summary(month: Self.march, market: KPI.de, platform: .amazon) == cents(15_00))  // 10 + 5
        #expect(s.unattributed(month: Self.march, market: KPI.de) == ["google_ads": cents(8_00)])
        #expect(s.byMarket[MonthMarket(Self.march, KPI.de)] == cents(23_00))  // 10 + 5 + 8
        #expect(s.byMarket[MonthMarket(Self.march, KPI.us)] == cents(10_00))  // 12.50 USD / 1.25
    }

    /// The key predicted from the previous day's order of SKUs is checked, not trusted: days that list the SKUs in
    /// another order, skip one or add one still add each row to its own SKU.
    @Test func skuSpendAddsUpWhateverOrderTheDaysListSKUsIn() {
        let calc = MarginAdSpendCalculator(converter: KPI.converter())
        let acc = calc.makeAccumulator()
        let days: [(String, [String])] = [
            ("2026-03-03", ["A", "B", "C"]),
            ("2026-03-04", ["A", "B", "C"]),  // as predicted
            ("2026-03-05", ["A", "C", "B"]),  // C where B was expected
            ("2026-03-06", ["B", "D", "A"]),  // a new SKU between known ones
            ("2026-04-01", ["A", "B"]),  // a new month: new keys in the same order
        ]
        for (date, skus) in days {
            for sku in skus { calc.add(KPI.ad(date, "amazon_ads", spend: cents(1_00), sku: sku), to: acc) }
        }
        let s = calc.finish(acc)
        // March: A on 4 days, B on 4, C on 3, D on 1; April: A and B once each.
        #expect(s.rows.map(\.sku) == ["A", "B", "C", "D", "A", "B"])
        #expect(s.rows.map(\.spend) == [cents(4_00), cents(4_00), cents(3_00), cents(1_00), cents(1_00), cents(1_00)])
        #expect(s.rows.map(\.month) == [Self.march, Self.march, Self.march, Self.march, KPI.m("2026-04"), KPI.m("2026-04")])
    }

    @Test func noSpendIsZeroInACoveredMonthAndNilOtherwise() {
        let s = Self.spend()
        #expect(s.detail(month: Self.march, market: KPI.de, platform: .amazon, sku: "Z") == .zero)
        #expect(s.summary(month: Self.march, market: KPI.de, platform: .shopify) == .zero)
        #expect(s.summary(month: KPI.m("2026-04"), market: KPI.de, platform: .amazon) == nil)
    }

    @Test func aConfiguredNetworkMapsToItsSellingPlatform() {
        let s = Self.spend(mapping: AdPlatformMapping(configured: ["google_ads": .shopify]))
        #expect(s.detail(month: Self.march, market: KPI.de, platform: .shopify, sku: "A") == cents(8_00))
        #expect(s.unattributed(month: Self.march, market: KPI.de).isEmpty)
    }

    @Test(arguments: [
        // net 100 − COGS 40 − fees 15 − shipping 10 − duties 5 − ads 10 = 20; CM % 20 / 100
        (Optional(cents(40_00)), Optional(cents(15_00)), Optional(cents(10_00)), Optional(cents(5_00)), Optional(cents(10_00)), Optional(cents(20_00)), Optional("0.2000")),
        (nil, cents(15_00), cents(10_00), cents(5_00), cents(10_00), nil, nil),
        (cents(40_00), nil, cents(10_00), cents(5_00), cents(10_00), nil, nil),
        (cents(40_00), cents(15_00), nil, cents(5_00), cents(10_00), nil, nil),
        (cents(40_00), cents(15_00), cents(10_00), nil, cents(10_00), nil, nil),
        (cents(40_00), cents(15_00), cents(10_00), cents(5_00), nil, nil, nil),
    ] as [(Money?, Money?, Money?, Money?, Money?, Money?, String?)])
    func contributionMarginNeedsEveryCost(cogs: Money?, fees: Money?, shipping: Money?, duties: Money?, ads: Money?, expected: Money?, rate: String?) {
        let net = cents(100_00)
        #expect(ContributionMargin.amount(netRevenue: net, cogs: cogs, platformFees: fees, shippingFulfilment: shipping, duties: duties, adSpend: ads) == expected)
        #expect(ContributionMargin.rate(netRevenue: net, cogs: cogs, platformFees: fees, shippingFulfilment: shipping, duties: duties, adSpend: ads)?.formatted(decimals: 4) == rate)
    }

    @Test func contributionMarginRateIsNilOnZeroNetRevenue() {
        // 0 − 1 − 0 − 0 − 0 − 0 = −1.00, but CM % has no denominator.
        #expect(ContributionMargin.amount(netRevenue: .zero, cogs: cents(1_00), platformFees: .zero, shippingFulfilment: .zero, duties: .zero, adSpend: .zero) == cents(-1_00))
        #expect(ContributionMargin.rate(netRevenue: .zero, cogs: cents(1_00), platformFees: .zero, shippingFulfilment: .zero, duties: .zero, adSpend: .zero) == nil)
    }
}
