import Testing
import TidemarkCommerce
import TidemarkNormalize

@testable import TidemarkMetrics

/// March 2026, DE: 4 new customers, gross sales 1,000.00 EUR, gross-margin % 0.50. FR: 3 new customers, no ads.
/// April 2026, DE: 2 new customers and no ad row of any market (spend unknown).
///
/// Ads in DE, March:
/// - amazon_ads: SP 60.00 EUR, 3 orders, 240.00, "7 Day"; SB 40.00 EUR, 2 orders, 100.00, "14 Day" → mixed.
/// - google_ads: 25.00 USD = 20.00 EUR, 6 orders, 62.50 USD = 50.00 EUR, no window stated.
/// - meta_ads: 30.00 EUR, attributed figures not reported.
/// - tiktok_ads: 9.00 EUR, 2 orders, 0.00 sales reported, "7-day click".
/// Market spend = 60 + 40 + 20 + 30 + 9 = 159.00.
@Suite struct AcquisitionTests {
    static let march = KPI.m("2026-03")
    static let mmDE = MonthMarket(march, KPI.de)

    static func tables() -> AcquisitionTables {
        let calc = AcquisitionCalculator(
            converter: KPI.converter(),
            newCustomers: [mmDE: 4, MonthMarket(march, KPI.fr): 3, MonthMarket(KPI.m("2026-04"), KPI.de): 2],
            grossSales: [mmDE: cents(1_000_00)], grossMarginRates: [mmDE: Ratio(1, 2)!])
        let acc = calc.makeAccumulator()
        for ad in [
            KPI.ad("2026-03-05", "amazon_ads", campaign: "SP", spend: cents(60_00), orders: 3, sales: cents(240_00), window: "7 Day"),
            KPI.ad("2026-03-06", "amazon_ads", campaign: "SB", spend: cents(40_00), orders: 2, sales: cents(100_00), window: "14 Day"),
            KPI.ad("2026-03-05", "google_ads", currency: .USD, spend: cents(25_00), orders: 6, sales: cents(62_50)),
            KPI.ad("2026-03-07", "meta_ads", spend: cents(30_00)),
            KPI.ad("2026-03-08", "tiktok_ads", spend: cents(9_00), orders: 2, sales: .zero, window: " 7-day click "),
            // No USD rate before 2026-03-02: left out and counted.
            KPI.ad("2026-02-20", "google_ads", currency: .USD, spend: cents(99_00), orders: 1, sales: cents(10_00)),
        ] {
            calc.add(ad, to: acc)
        }
        return calc.finish(acc)
    }

    static func row(_ channel: Platform) -> AcquisitionRow? {
        tables().rows.first { $0.month == march && $0.market == KPI.de && $0.channel == channel }
    }

    @Test func computesEveryFigureOfAChannelWithOneWindow() throws {
        let g = try #require(Self.row("google_ads"))
        #expect(g.spend == cents(20_00))  // 25.00 USD / 1.25
        #expect(g.attributedSales == cents(50_00))  // 62.50 USD / 1.25
        #expect(g.attributedOrders == 6)
        #expect(g.attributionWindow == .unstated && g.attributionWindow.text == "")
        #expect(g.newCustomers == 4)
        #expect(g.cac == cents(5_00))  // 20.00 / min(6, 4) = 20.00 / 4: attributed orders capped at new customers
        #expect(g.blendedCAC == Money(micros: 39_750_000))  // 159.00 / 4 = 39.75
        #expect(g.roas?.formatted(decimals: 4) == "2.5000")  // 50 / 20
        #expect(g.acos?.formatted(decimals: 4) == "0.4000")  // 20 / 50
        #expect(g.tacos?.formatted(decimals: 4) == "0.0200")  // 20 / 1000
        #expect(g.mer?.formatted(decimals: 4) == "6.2893")  // 1000 / 159 = 6.28930…
        #expect(g.roi?.formatted(decimals: 4) == "0.2500")  // (50 × 0.5 − 20) / 20 = 5 / 20
    }

    @Test func mixedWindowsAreNeverAddedAndLeaveAttributedFiguresEmpty() throws {
        let a = try #require(Self.row("amazon_ads"))
        #expect(a.spend == cents(100_00))  // 60 + 40: spend does not depend on the window
        #expect(a.attributionWindow == .mixed && a.attributionWindow.text == "mixed")
        #expect(a.attributedOrders == nil && a.attributedSales == nil)  // never 3 + 2 or 240 + 100
        #expect(a.cac == nil && a.roas == nil && a.acos == nil && a.roi == nil)
        #expect(a.tacos?.formatted(decimals: 4) == "0.1000")  // 100 / 1000: TACoS needs no attribution
    }

    @Test func unreportedAttributionLeavesRoiAndRoasNil() throws {
        let m = try #require(Self.row("meta_ads"))
        #expect(m.spend == cents(30_00))
        #expect(m.attributedOrders == nil && m.attributedSales == nil)
        #expect(m.cac == nil && m.roas == nil && m.acos == nil && m.roi == nil)
        #expect(m.blendedCAC == Money(micros: 39_750_000))
    }

    @Test func zeroReportedSalesGiveRoiMinusOneAndNoAcos() throws {
        let t = try #require(Self.row("tiktok_ads"))
        #expect(t.attributionWindow == .stated("7-day click"))  // trimmed
        #expect(t.cac == cents(4_50))  // 9.00 / min(2, 4): below the cap
        #expect(t.roas?.formatted(decimals: 4) == "0.0000")  // 0 / 9
        #expect(t.acos == nil)  // 9 / 0
        #expect(t.roi?.formatted(decimals: 4) == "-1.0000")  // (0 × 0.5 − 9) / 9
    }

    @Test func roiNeedsTheMarketsGrossMarginRate() {
        // 2026-03 DE has one; without it ROI is nil even with attributed sales.
        #expect(AdRatios.roi(sales: cents(50_00), spend: cents(20_00), grossMarginRate: nil) == nil)
        #expect(AdRatios.roi(sales: cents(50_00), spend: .zero, grossMarginRate: Ratio(1, 2)) == nil)
        // (80 × 0.25 − 10) / 10 = 1
        #expect(AdRatios.roi(sales: cents(80_00), spend: cents(10_00), grossMarginRate: Ratio(25, 100))?.formatted(decimals: 4) == "1.0000")
    }

    @Test func marketRowsGiveBlendedCacForLtvToCac() {
        let t = Self.tables()
        #expect(t.adRowsWithoutRate == 1)
        #expect(t.rows.map { "\($0.month) \($0.market) \($0.channel)" } == [
            "2026-03 DE amazon_ads", "2026-03 DE google_ads", "2026-03 DE meta_ads", "2026-03 DE tiktok_ads",
        ])
        #expect(t.markets == [
            AcquisitionMarketRow(month: Self.march, market: KPI.de, spend: cents(159_00), newCustomers: 4, grossSales: cents(1_000_00)),
            // Ads are loaded for March, none in FR: spend is a true 0, blended CAC 0.00 / 3 = 0.
            AcquisitionMarketRow(month: Self.march, market: KPI.fr, spend: .zero, newCustomers: 3, grossSales: nil),
            // No ad row of any market in April: spend unknown.
            AcquisitionMarketRow(month: KPI.m("2026-04"), market: KPI.de, spend: nil, newCustomers: 2, grossSales: nil),
        ])
        #expect(t.markets[0].blendedCAC == Money(micros: 39_750_000))
        #expect(t.markets[0].mer?.formatted(decimals: 4) == "6.2893")
        #expect(t.markets[0].tacos?.formatted(decimals: 4) == "0.1590")  // 159 / 1000
        #expect(t.markets[1].blendedCAC == .zero)
        #expect(t.markets[2].blendedCAC == nil)
    }
}

/// Campaign SP-1 (amazon_ads, account A1, DE): day 1 1,000 impressions, 30 clicks, 15.00, 2 orders, 50.00;
/// day 2 500 impressions, 10 clicks, 5.00, 1 order, 30.00; both "7 Day". Gross-margin % of DE in March 0.5.
@Suite struct CampaignTests {
    static func rows() -> [CampaignRow] {
        let calc = CampaignCalculator(converter: KPI.converter(), grossMarginRates: [MonthMarket(KPI.m("2026-03"), KPI.de): Ratio(1, 2)!])
        let acc = calc.makeAccumulator()
        for ad in [
            KPI.ad("2026-03-03", "amazon_ads", campaign: "SP-1", account: "A1", impressions: 1_000, clicks: 30, spend: cents(15_00), orders: 2, sales: cents(50_00), window: "7 Day", adGroup: "g1"),
            KPI.ad("2026-03-04", "amazon_ads", campaign: "SP-1", account: "A1", impressions: 500, clicks: 10, spend: cents(5_00), orders: 1, sales: cents(30_00), window: "7 Day", adGroup: "g2"),
            // Same campaign, two windows in one month.
            KPI.ad("2026-03-03", "amazon_ads", campaign: "SB-1", account: "A1", impressions: 100, clicks: 0, spend: cents(2_00), orders: 1, sales: cents(10_00), window: "7 Day"),
            KPI.ad("2026-03-04", "amazon_ads", campaign: "SB-1", account: "A1", impressions: 100, clicks: 0, spend: cents(2_00), orders: 1, sales: cents(10_00), window: "14 Day"),
            // Same name in another account and another market: separate rows; 12.50 USD = 10.00 EUR.
            KPI.ad("2026-03-03", "amazon_ads", campaign: "SP-1", account: "A2", market: KPI.us, currency: .USD, impressions: 0, clicks: 4, spend: cents(12_50)),
        ] {
            calc.add(ad, to: acc)
        }
        return calc.finish(acc)
    }

    @Test func addsACampaignsDaysAndComputesEveryRate() throws {
        let r = try #require(Self.rows().first { $0.campaign == "SP-1" && $0.account == "A1" })
        #expect(r.impressions == 1_500 && r.clicks == 40 && r.spend == cents(20_00))
        #expect(r.attributedOrders == 3 && r.attributedSales == cents(80_00) && r.attributionWindow.text == "7 Day")
        #expect(r.ctr?.formatted(decimals: 4) == "0.0267")  // 40 / 1500 = 0.02666…
        #expect(r.cpc == cents(50))  // 20.00 / 40
        #expect(r.roas?.formatted(decimals: 4) == "4.0000")  // 80 / 20
        #expect(r.acos?.formatted(decimals: 4) == "0.2500")  // 20 / 80
        #expect(r.roi?.formatted(decimals: 4) == "1.0000")  // (80 × 0.5 − 20) / 20
    }

    @Test func mixedWindowInACampaignLeavesAttributedFiguresEmpty() throws {
        let r = try #require(Self.rows().first { $0.campaign == "SB-1" })
        #expect(r.attributionWindow == .mixed && r.attributedOrders == nil && r.attributedSales == nil)
        #expect(r.roas == nil && r.acos == nil && r.roi == nil)
        #expect(r.cpc == nil)  // no clicks
        #expect(r.ctr?.formatted(decimals: 4) == "0.0000")  // 0 / 200
    }

    @Test func splitsByAccountAndMarketAndSorts() throws {
        let rows = Self.rows()
        #expect(rows.map { "\($0.campaign) \($0.account) \($0.market)" } == ["SB-1 A1 DE", "SP-1 A1 DE", "SP-1 A2 US"])
        let us = rows[2]
        #expect(us.spend == cents(10_00) && us.ctr == nil && us.cpc == cents(2_50))  // 10.00 / 4
        #expect(us.attributedSales == nil && us.roi == nil && us.grossMarginRate == nil)
        #expect(us.attributionWindow == .unstated)
    }
}
