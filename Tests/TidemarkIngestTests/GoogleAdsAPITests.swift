import Foundation
import Testing
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

@Suite("Google Ads API report")
struct GoogleAdsAPITests {
    @Test func readsMicrosAndSkipsTheRaggedTotalRow() throws {
        let run = try ingestSource(TestPaths.fixture("malformed/google_ads_api_ragged_total.csv"))
        #expect(run.detection.format.id == "google_ads_api")
        #expect(run.reconciliation.preambleLines == 1)  // the quoted title line
        // lines 3, 4, 6 load; line 5 writes 12.50 (units, not micros); line 7 is the 14-field Total row
        #expect(counts(run) == [5, 3, 1, 1])
        #expect(run.reconciliation.skippedReasons == ["totals row": 1])
        #expect(run.rejectPlaces == ["5 Cost 12.50"])
        let first = try #require(run.ads.first)
        #expect(first.spend == m("1.11"))  // 1110000 micros / 1,000,000
        #expect(first.clicks == 5)
        #expect(first.impressions == 927)
        #expect(first.currency == .EUR)
        #expect(first.account == "1232422123")
        #expect(first.campaign == "132449648")  // no Campaign column: the id
        #expect(run.ads[1].spend == m("8.91"))  // 8910000 micros
        #expect(run.ads[1].attributedOrders == 1)
        #expect(run.ads[2].spend == .zero)
        // 1.11 + 8.91 + 0 = 10.02, the Total row's 10.02 in units
        #expect(Money.sum(run.ads.map(\.spend)) == m("10.02"))
    }

    @Test func theUIHeaderIsNotTakenForTheAPIOne() throws {
        let ui = "Day,Campaign,Customer ID,Currency,Cost,Impr.,Clicks\n2026-09-15,C,123,USD,1.11,10,1\n"
        let run = try ingestSource(try writeTemporaryFile("ui.csv", ui))
        #expect(run.detection.format.id == "google_ads")
        #expect(run.ads.first?.spend == m("1.11"))
    }
}
