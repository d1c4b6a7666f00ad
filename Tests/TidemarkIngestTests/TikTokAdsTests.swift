import Foundation
import Testing
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

@Suite("TikTok Ads export")
struct TikTokAdsTests {
    static let text = """
        By Day,Campaign name,Ad group name,Cost (EUR),Impressions,Clicks,Complete payment,Total complete payment value,Complete payment ROAS
        2026-09-15,FR | Spark | Candles,Interest,23.10,4821,57,2,49.80,2.16
        2026-09-16,FR | Spark | Candles,Interest,19.95,4102,44,0,0.00,0.00
        Total,,,43.05,8923,101,2,49.80,1.16

        """

    @Test func costCurrencyFromTheHeaderAndTheTotalRowSkipped() throws {
        let run = try ingestSource(try writeTemporaryFile("tiktok.csv", Self.text), defaultMarket: Market(code: "FR"))
        #expect(run.detection.format.id == "tiktok_ads")
        #expect(counts(run) == [3, 2, 0, 1])
        #expect(run.reconciliation.skippedReasons == ["totals row": 1])
        let a = run.ads[0]
        #expect(a.platform == "tiktok_ads")
        #expect(a.currency == .EUR)
        #expect(a.spend == m("23.10"))
        #expect(a.impressions == 4821)
        #expect(a.clicks == 57)
        #expect(a.attributedOrders == 2)
        #expect(a.attributedSales == m("49.80"))
        #expect(a.market.code == "FR")
        // 23.10 + 19.95 = 43.05, the Total row's cost
        #expect(run.ads[0].spend + run.ads[1].spend == m("43.05"))
    }

    @Test func dateColumnMayBeCalledDate() throws {
        let text = Self.text.replacingOccurrences(of: "By Day,", with: "Date,")
        let run = try ingestSource(try writeTemporaryFile("tiktok2.csv", text))
        #expect(run.detection.format.id == "tiktok_ads")
        #expect(run.ads.map(\.date) == [day("2026-09-15"), day("2026-09-16")])
        #expect(run.ads.allSatisfy { $0.market == .unknown })
    }
}
