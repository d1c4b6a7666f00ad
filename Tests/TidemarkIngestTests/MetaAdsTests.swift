import Foundation
import Testing
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

@Suite("Meta Ads Manager export")
struct MetaAdsTests {
    @Test func readsTheDailyFixtureWithTheCurrencyFromTheHeader() throws {
        let run = try ingestSource(TestPaths.fixture("ads/meta-ads-daily.csv"))
        #expect(run.detection.format.id == "meta_ads")
        #expect(counts(run) == [343, 343, 0, 0])
        #expect(run.ads.allSatisfy { $0.currency == .EUR && $0.attributionWindow == "7-day click or 1-day view" })
        #expect(Set(run.ads.map(\.market.code)) == ["DE", "FR", "IT", "ES"])
        // the one campaign that spends without orders: 14 … 18 September, FR, Purchases blank. The export has the
        // Purchases columns, so blank means no results: 0 orders and 0 value (formats.md: "blanks for no results").
        let candles = run.ads.filter { $0.campaign == "FR | Prospecting | Candles" }
        #expect(candles.map(\.date) == (0..<5).map { day("2026-09-14").advanced(by: $0) })
        #expect(candles.allSatisfy { $0.attributedOrders == 0 && $0.attributedSales == .zero && $0.spend > .zero })
        // "1,250.50" (quoted, grouped) on 2026-10-28, line 332
        #expect(run.ads.first { $0.provenance.line == 332 }?.spend == m("1250.50"))
    }

    @Test func periodTotalRowsAreSkippedNeverCountedAsADay() throws {
        let run = try ingestSource(TestPaths.fixture("malformed/meta_period_total.csv"))
        #expect(run.detection.format.id == "meta_ads")
        // lines 2, 3, 5 are days; line 4 covers 2026-09-01 … 2026-09-30
        #expect(counts(run) == [4, 3, 0, 1])
        #expect(run.reconciliation.skippedReasons == ["period total, not daily (Reporting starts ≠ Reporting ends)": 1])
        #expect(run.ads.map(\.date) == [day("2026-09-15"), day("2026-09-16"), day("2026-09-17")])
        #expect(run.ads[0].attributedOrders == 1)
        #expect(run.ads[0].attributedSales == m("74.90"))
        #expect(run.ads[1].spend == m("1250.50"))
        #expect(run.ads[1].attributedOrders == 0)  // blank in a Purchases column: no results
        #expect(run.ads[2].clicks == 0)  // blank link clicks
        #expect(run.ads[2].spend == m("18.05"))
    }

    @Test func localisedFrenchExportWithSemicolonsAndSpaceGrouping() throws {
        let text = """
            Début des rapports;Fin des rapports;Nom de la campagne;Pays;Paramètre d’attribution;Montant dépensé (EUR);Impressions;Clics sur un lien;Achats;Valeur de conversion des achats
            2026-09-15;2026-09-15;FR | Bougies;France;Clic à 7 jours;1 234,56;10 200;88;2;51,80
            2026-09-16;2026-09-16;FR | Bougies;France;Clic à 7 jours;12,50;900;4;;

            """
        let run = try ingestSource(try writeTemporaryFile("fr.csv", text))
        #expect(run.detection.format.id == "meta_ads")
        #expect(run.detection.decimalSeparator == .comma)
        #expect(counts(run) == [2, 2, 0, 0])
        #expect(run.ads[0].spend == m("1234.56"))
        #expect(run.ads[0].impressions == 10200)
        #expect(run.ads[0].attributedSales == m("51.80"))
        #expect(run.ads[0].market.code == "FR")
        #expect(run.ads[0].attributionWindow == "Clic à 7 jours")
        #expect(run.ads[1].attributedOrders == 0)  // blank "Achats": no purchases
        #expect(run.ads[1].attributedSales == .zero)
    }

    @Test func withoutPurchaseColumnsAttributionIsUnknownNotZero() throws {
        let text = """
            Reporting starts,Reporting ends,Campaign name,Amount spent (EUR),Impressions,Link clicks
            2026-09-15,2026-09-15,DE | Lamps,12.50,900,4

            """
        let run = try ingestSource(try writeTemporaryFile("no-purchases.csv", text))
        #expect(counts(run) == [1, 1, 0, 0])
        #expect(run.ads[0].attributedOrders == nil && run.ads[0].attributedSales == nil)
    }

    @Test func aHeaderWhoseCurrencyIsNotISOIsNotMeta() throws {
        let text = "Reporting starts,Reporting ends,Campaign name,Impressions,Amount spent (XYZ)\n2026-09-15,2026-09-15,C,1,1.00\n"
        #expect(throws: IngestError.self) { try ingestSource(try writeTemporaryFile("xyz.csv", text)) }
    }
}
