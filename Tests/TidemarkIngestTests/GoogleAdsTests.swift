import Foundation
import Testing
import TidemarkCSV
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

@Suite("Google Ads UI download")
struct GoogleAdsTests {
    @Test func readsTheUTF16TabFixtureWithTitleLinesAndTotalRows() throws {
        let run = try ingestSource(TestPaths.fixture("ads/google-ads-campaigns.csv"))
        #expect(run.detection.format.id == "google_ads")
        #expect(run.detection.encoding == .utf16LE)
        #expect(run.detection.dialect.delimiter == 0x09)
        // "Campaign report" and "August 1, 2026 - October 31, 2026" before the header
        #expect(run.reconciliation.preambleLines == 2)
        // 215 data rows + "Total: Account" + "Total: Campaigns"
        #expect(counts(run) == [217, 215, 0, 2])
        #expect(run.reconciliation.skippedReasons == ["totals row": 2])
        #expect(Set(run.ads.map(\.market.code)) == ["US", "GB"])
        #expect(run.ads.allSatisfy { $0.currency == .USD && $0.attributionWindow == nil })
    }

    @Test func groupedImpressionsAndNotApplicableValues() throws {
        let run = try ingestSource(TestPaths.fixture("ads/google-ads-campaigns.csv"))
        // line 112: 2026-09-15  GB | Search | Cosy Home  United Kingdom  USD  56.63  2,772  95  3.43%  0.60  0.00   --
        let gb = try #require(run.ads.first { $0.provenance.line == 112 })
        #expect(gb.date == day("2026-09-15"))
        #expect(gb.campaign == "GB | Search | Cosy Home")
        #expect(gb.market.code == "GB")
        #expect(gb.spend == m("56.63"))
        #expect(gb.impressions == 2772)
        #expect(gb.clicks == 95)
        #expect(gb.attributedOrders == 0)
        #expect(gb.attributedSales == nil)  // " --" is not applicable, not zero
    }

    @Test func chineseHeadersAndFractionalConversions() throws {
        let text = "广告系列报告\n日期,广告系列,货币代码,费用,展示次数,点击次数,转化次数,转化价值\n2026-09-15,CN | 搜索,USD,\"1,204.50\",\"12,040\",301,2.50,99.80\n总计,,,,,,,\n"
        let run = try ingestSource(try writeTemporaryFile("zh.csv", text))
        #expect(run.detection.format.id == "google_ads")
        #expect(counts(run) == [2, 1, 0, 1])
        let a = try #require(run.ads.first)
        #expect(a.spend == m("1204.50"))
        #expect(a.impressions == 12040)
        #expect(a.attributedOrders == 3)  // 2.50 rounded half away from zero
        #expect(a.attributedSales == m("99.80"))
        #expect(a.market == .unknown)  // no country column, no default market
    }

    @Test func withoutACurrencyColumnRowsAreRejected() throws {
        let text = "Day,Campaign,Cost,Impr.,Clicks\n2026-09-15,C,1.00,10,1\n"
        let run = try ingestSource(try writeTemporaryFile("nocur.csv", text))
        #expect(counts(run) == [1, 0, 1, 0])
        #expect(run.reconciliation.rejects.first?.reason.contains("no currency") == true)
    }
}
