import Foundation
import Testing
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

@Suite("Amazon Ads Sponsored Products")
struct AmazonAdsTests {
    @Test func recognisesTheUSFixtureAndLoadsEveryRow() throws {
        let run = try ingestSource(TestPaths.fixture("ads/amazon-ads-sp-advertised-product-us.csv"))
        #expect(run.detection.format.id == "amazon_ads_sponsored_products")
        // 560 data rows written by tools/make_marketing_fixtures.py, all good
        #expect(counts(run) == [560, 560, 0, 0])
        #expect(run.ads.allSatisfy { $0.currency == .USD && $0.market.code == "US" && $0.attributionWindow == "7 Day" })
        #expect(Set(run.ads.map(\.campaign)).count == 3)
    }

    @Test func readsDollarAmountsTrailingSpaceHeadersAndConsoleDates() throws {
        let run = try ingestSource(TestPaths.fixture("ads/amazon-ads-sp-advertised-product-us.csv"))
        // line 280: "Sep 15, 2026",,USD,US | SP | Manual | Pillows,Broad,TM-PILLOW-18,…,2283,14,0.6132%,$ 0.79,$ 11.06,$ 0.00,…
        let row = try #require(run.ads.first { $0.provenance.line == 280 })
        #expect(row.date == day("2026-09-15"))
        #expect(row.campaign == "US | SP | Manual | Pillows")
        #expect(row.adGroup == "Broad")
        #expect(row.sku == "TM-PILLOW-18")
        #expect(row.impressions == 2283)
        #expect(row.clicks == 14)
        #expect(row.spend == m("11.06"))
        #expect(row.attributedSales == .zero)
        #expect(row.attributedOrders == 0)
        #expect(row.platform == "amazon_ads")
    }

    @Test func euroFileTakesItsMarketFromTheSourceDefault() throws {
        let path = TestPaths.fixture("ads/amazon-ads-sp-advertised-product-de.csv")
        // EUR names no single market: ZZ without a configured market, DE with one
        let plain = try ingestSource(path)
        #expect(plain.ads.allSatisfy { $0.market == .unknown })
        let de = try ingestSource(path, defaultMarket: Market(code: "DE"))
        #expect(counts(de) == [266, 266, 0, 0])
        #expect(de.ads.allSatisfy { $0.market.code == "DE" && $0.currency == .EUR })
        // ACOS/ROAS spelling: line 134, DE | SP | Manuell | Lampen, TM-LAMP-01, 195 impressions, 1 click, 0.89, sales 74.90
        let lamp = try #require(de.ads.first { $0.provenance.line == 134 })
        #expect(lamp.spend == m("0.89"))
        #expect(lamp.attributedSales == m("74.90"))
        #expect(lamp.attributedOrders == 1)
    }

    @Test func summaryVariantLoadsSingleDaysSkipsPeriodsAndKeepsThe14DayWindow() throws {
        let run = try ingestSource(TestPaths.fixture("malformed/amazon_ads_summary_period.csv"))
        #expect(run.detection.format.id == "amazon_ads_sponsored_products")
        // 4 rows: line 2 Sep 15 → Sep 15 loads; lines 3 and 4 are period totals; line 5 has € in a USD row
        #expect(counts(run) == [4, 1, 1, 2])
        #expect(run.reconciliation.skippedReasons == ["period total, not daily (Start Date ≠ End Date)": 2])
        #expect(run.rejectPlaces == ["5 Spend € 7.02"])
        let a = try #require(run.ads.first)
        #expect(a.date == day("2026-09-15"))
        #expect(a.attributionWindow == "14 Day")
        #expect(a.impressions == 1530)  // "1,530"
        #expect(a.spend == m("9.84"))
        #expect(a.attributedSales == m("79.00"))
        #expect(a.attributedOrders == 1)
    }

    @Test func rowsWithoutACurrencyColumnAreRejectedWithAReason() throws {
        let path = try writeTemporaryFile("sp.csv", "Date,Campaign Name,Impressions,Clicks,Spend,7 Day Total Sales \n\"Dec 01, 2019\",C,10,1,$ 0.50,$ 0.00\n")
        let run = try ingestSource(path)
        #expect(counts(run) == [1, 0, 1, 0])
        #expect(run.reconciliation.rejects.first?.reason.contains("no currency") == true)
    }
}
