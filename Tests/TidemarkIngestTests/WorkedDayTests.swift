import Foundation
import Testing
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

/// The hand-computed day of fixtures/README.md ("Worked day: 2026-09-15"), checked on the ingested facts.
@Suite("Worked day 2026-09-15")
struct WorkedDayTests {
    struct Totals: Equatable {
        var spend = Money.zero
        var clicks = 0
        var impressions = 0
    }

    /// Ad facts of 2026-09-15 summed per "platform market currency".
    static func adTotals() throws -> [String: Totals] {
        let runs = [
            try ingestSource(TestPaths.fixture("ads/amazon-ads-sp-advertised-product-us.csv")),
            try ingestSource(TestPaths.fixture("ads/amazon-ads-sp-advertised-product-de.csv"), defaultMarket: Market(code: "DE")),
            try ingestSource(TestPaths.fixture("ads/google-ads-campaigns.csv")),
            try ingestSource(TestPaths.fixture("ads/meta-ads-daily.csv")),
        ]
        var out: [String: Totals] = [:]
        for a in runs.flatMap(\.ads) where a.date == day("2026-09-15") {
            let key = "\(a.platform) \(a.market) \(a.currency)"
            out[key, default: Totals()].spend += a.spend
            out[key, default: Totals()].clicks += a.clicks
            out[key, default: Totals()].impressions += a.impressions
        }
        return out
    }

    @Test func spendClicksAndImpressionsPerNetworkAndMarket() throws {
        let t = try Self.adTotals()
        #expect(t.count == 8)
        // Amazon Ads US, lines 274–281: 3.65 + 2.04 + 2.22 + 3.05 + 2.08 + 4.30 + 11.06 + 3.20 = 31.60
        #expect(t["amazon_ads US USD"] == Totals(spend: m("31.60"), clicks: 49, impressions: 8060))
        // Amazon Ads DE, lines 131–134: 14.80 + 8.97 + 5.36 + 0.89 = 30.02
        #expect(t["amazon_ads DE EUR"] == Totals(spend: m("30.02"), clicks: 42, impressions: 6427))
        // Google Ads, lines 111 and 112 (both in the USD account)
        #expect(t["google_ads US USD"] == Totals(spend: m("18.32"), clicks: 26, impressions: 660))
        #expect(t["google_ads GB USD"] == Totals(spend: m("56.63"), clicks: 95, impressions: 2772))
        // Meta, lines 170–175: DE 28.52 + 28.52; FR 53.07 + 41.31
        #expect(t["meta_ads DE EUR"] == Totals(spend: m("57.04"), clicks: 228, impressions: 12858))
        #expect(t["meta_ads FR EUR"] == Totals(spend: m("94.38"), clicks: 124, impressions: 14118))
        #expect(t["meta_ads IT EUR"] == Totals(spend: m("71.45"), clicks: 79, impressions: 8114))
        #expect(t["meta_ads ES EUR"] == Totals(spend: m("49.63"), clicks: 52, impressions: 7474))
    }

    @Test func shippingCostAndDutyOfTwoOrders() throws {
        let fedex = try ingestSource(TestPaths.fixture("logistics/fedex-billing-all-columns.csv"))
        let fourPX = try ingestSource(TestPaths.fixture("logistics/forwarder-4px-charges.csv"))
        func charges(_ order: String, _ run: IngestRun) -> [ChargeType: Money] {
            var out: [ChargeType: Money] = [:]
            for s in run.shipments where s.orderID == order { for (k, v) in s.charges { out[k, default: .zero] += v } }
            return out
        }
        // 113-5446759-1986946 (Amazon.com): 12.69 − 1.52 = 11.17 freight, 1.97 fuel, no duty; 13.14 USD in all
        let us = charges("113-5446759-1986946", fedex)
        #expect(us == [.freight: m("11.17"), .fuel: m("1.97")])
        #expect(Money.sum(us.values) == m("13.14"))
        // 306-0899867-2256624 (Amazon.de): 25.20 freight, 2.02 fuel, 12.24 duty; 39.46 USD in all
        let de = charges("306-0899867-2256624", fourPX)
        #expect(de == [.freight: m("25.20"), .fuel: m("2.02"), .dutyTax: m("12.24")])
        #expect(Money.sum(de.values) == m("39.46"))
    }
}
