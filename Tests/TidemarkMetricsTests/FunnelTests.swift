import Testing
import TidemarkCommerce
import TidemarkNormalize

@testable import TidemarkMetrics

@Suite struct FunnelTests {
    /// First orders: c1 on 2026-01-10 (so c1's March order is a repeat), c2 on 2026-03-02 (the March order is c2's
    /// first), c3 on 2026-03-02 with a second order the same day.
    static let firsts: [String: CivilDate] = ["c1": KPI.d("2026-01-10"), "c2": KPI.d("2026-03-02"), "c3": KPI.d("2026-03-02")]

    static func rows(mapping: AdPlatformMapping = AdPlatformMapping(), extraLines: [OrderLine] = []) -> [FunnelRow] {
        let calc = FunnelCalculator(zone: .utc, firstOrderDates: firsts, mapping: mapping)
        let acc = calc.makeAccumulator()
        // 2026-03-02 DE amazon: Business Report sessions only (no impressions, clicks or inquiries reported),
        // split over two SKU rows, one of which does not report sessions.
        calc.add(KPI.traffic("2026-03-02", .amazon, sessions: 200, sku: "X"), to: acc)
        calc.add(KPI.traffic("2026-03-02", .amazon, sku: "Y"), to: acc)
        // Amazon Ads: counts under amazon. Google Ads: under google_ads unless configured.
        calc.add(KPI.ad("2026-03-02", "amazon_ads", impressions: 1_000, clicks: 40, spend: cents(20_00)), to: acc)
        calc.add(KPI.ad("2026-03-02", "google_ads", impressions: 300, clicks: 9, spend: cents(5_00)), to: acc)
        // Orders on 2026-03-02: O1 (c1, two lines), O2 (c2, first order), O3 (no customer key), O4 cancelled.
        calc.add(KPI.line("O1", "2026-03-02", sku: "X", customer: "c1"), to: acc)
        calc.add(KPI.line("O1", "2026-03-02", sku: "Y", customer: "c1"), to: acc)
        calc.add(KPI.line("O2", "2026-03-02", customer: "c2"), to: acc)
        calc.add(KPI.line("O3", "2026-03-02"), to: acc)
        calc.add(KPI.line("O4", "2026-03-02", customer: "c1", status: .cancelled), to: acc)
        // 2026-03-03 DE amazon: sessions 0, no orders that day (amazon has March orders, so orders = 0).
        calc.add(KPI.traffic("2026-03-03", .amazon, sessions: 0), to: acc)
        // 2026-03-02 US alibaba: exposure, clicks, visitors, inquiries; no order source for alibaba.
        calc.add(KPI.traffic("2026-03-02", .alibaba, market: KPI.us, impressions: 500, clicks: 25, sessions: 20, inquiries: 4), to: acc)
        // 2026-04-01 DE amazon: sessions, but no amazon order lines at all in April.
        calc.add(KPI.traffic("2026-04-01", .amazon, sessions: 10), to: acc)
        for l in extraLines { calc.add(l, to: acc) }
        return calc.finish(acc)
    }

    static func row(_ rows: [FunnelRow], _ date: String, _ market: Market, _ platform: Platform) -> FunnelRow? {
        rows.first { $0.date == KPI.d(date) && $0.market == market && $0.platform == platform }
    }

    @Test func computesEveryStageAndRateOfAnAmazonDay() throws {
        let r = try #require(Self.row(Self.rows(), "2026-03-02", KPI.de, .amazon))
        #expect(r.impressions == 1_000)  // ad impressions only; Amazon reports no organic exposure
        #expect(r.clicks == 40)
        #expect(r.sessions == 200)  // 200 + (not reported)
        #expect(r.inquiries == nil)
        #expect(r.orders == 3)  // O1, O2, O3; O4 is cancelled
        #expect(r.repeatOrders == 1)  // O1: c1's first order was 2026-01-10
        #expect(r.ctr?.formatted(decimals: 4) == "0.0400")  // 40 / 1000
        #expect(r.sessionRate?.formatted(decimals: 4) == "5.0000")  // 200 / 40: sessions include organic visits
        #expect(r.inquiryRate == nil)  // inquiries not reported
        #expect(r.conversionRate?.formatted(decimals: 4) == "0.0150")  // 3 / 200
        #expect(r.repeatRate?.formatted(decimals: 4) == "0.3333")  // 1 / 3
    }

    @Test func unreportedStagesAreNilNeverZero() throws {
        let rows = Self.rows()
        // Alibaba has no order lines: orders, repeat orders and the rates built on them are nil.
        let ali = try #require(Self.row(rows, "2026-03-02", KPI.us, .alibaba))
        #expect(ali.impressions == 500 && ali.clicks == 25 && ali.sessions == 20 && ali.inquiries == 4)
        #expect(ali.ctr?.formatted(decimals: 4) == "0.0500")  // 25 / 500
        #expect(ali.sessionRate?.formatted(decimals: 4) == "0.8000")  // 20 / 25
        #expect(ali.inquiryRate?.formatted(decimals: 4) == "0.2000")  // 4 / 20
        #expect(ali.orders == nil && ali.repeatOrders == nil && ali.conversionRate == nil && ali.repeatRate == nil)
        // Amazon in April: sessions, but no amazon order lines loaded for April.
        let april = try #require(Self.row(rows, "2026-04-01", KPI.de, .amazon))
        #expect(april.sessions == 10 && april.orders == nil && april.conversionRate == nil)
        #expect(april.impressions == nil && april.clicks == nil && april.ctr == nil && april.sessionRate == nil)
    }

    @Test func zeroOrdersWhereTheOrderSourceCoversTheMonthAndZeroDenominatorsGiveNil() throws {
        let r = try #require(Self.row(Self.rows(), "2026-03-03", KPI.de, .amazon))
        #expect(r.orders == 0)  // amazon has order lines in March
        #expect(r.sessions == 0)
        #expect(r.conversionRate == nil)  // 0 / 0
        #expect(r.repeatOrders == nil && r.repeatRate == nil)  // no identified order
    }

    @Test func adPlatformsKeepTheirOwnNameUnlessMapped() throws {
        let plain = Self.rows()
        let google = try #require(Self.row(plain, "2026-03-02", KPI.de, "google_ads"))
        #expect(google.impressions == 300 && google.clicks == 9 && google.orders == nil)
        #expect(Self.row(plain, "2026-03-02", KPI.de, "amazon_ads") == nil)

        let mapped = Self.rows(mapping: AdPlatformMapping(configured: ["google_ads": .shopify]))
        #expect(Self.row(mapped, "2026-03-02", KPI.de, "google_ads") == nil)
        let shop = try #require(Self.row(mapped, "2026-03-02", KPI.de, .shopify))
        #expect(shop.impressions == 300 && shop.clicks == 9 && shop.sessions == nil && shop.orders == nil)
    }

    @Test func aSecondOrderOnTheFirstOrdersDayIsNotARepeat() throws {
        let extra = [
            KPI.line("S1", "2026-03-05", customer: "c3"),
            KPI.line("S2", "2026-03-02", customer: "c3", hour: 18),
            KPI.line("S3", "2026-03-05", customer: "c2"),
        ]
        let rows = Self.rows(extraLines: extra)
        let day2 = try #require(Self.row(rows, "2026-03-02", KPI.de, .amazon))
        #expect(day2.orders == 4 && day2.repeatOrders == 1)  // S2 is c3's second order on the first day: not a repeat
        let day5 = try #require(Self.row(rows, "2026-03-05", KPI.de, .amazon))
        #expect(day5.orders == 2 && day5.repeatOrders == 2)  // S1 (c3) and S3 (c2) both after their first day
        #expect(day5.sessions == nil && day5.conversionRate == nil)
        #expect(day5.repeatRate?.formatted(decimals: 2) == "1.00")
    }

    @Test func rowsAreSortedByDateMarketPlatform() {
        let keys = Self.rows().map { "\($0.date) \($0.market) \($0.platform)" }
        #expect(keys == ["2026-03-02 DE amazon", "2026-03-02 DE google_ads", "2026-03-02 US alibaba", "2026-03-03 DE amazon", "2026-04-01 DE amazon"])
    }

    @Test func firstOrdersAreTheEarliestNonCancelledOrderOfEachIdentifiedCustomer() {
        var f = FirstOrders(zone: .utc)
        f.add(KPI.line("A", "2026-02-01", customer: "k1", status: .cancelled))
        f.add(KPI.line("B", "2026-03-04", customer: "k1", market: KPI.fr))
        f.add(KPI.line("C", "2026-02-20", customer: "k1"))
        f.add(KPI.line("D", "2026-03-01", customer: "k2", market: KPI.fr))
        f.add(KPI.line("E", "2026-01-01"))  // no key: not a customer
        #expect(f.firstOrders == [
            FirstOrder(customerKey: "k1", date: KPI.d("2026-02-20"), market: KPI.de, platform: .amazon),
            FirstOrder(customerKey: "k2", date: KPI.d("2026-03-01"), market: KPI.fr, platform: .amazon),
        ])
        #expect(f.newCustomers == [MonthMarket(KPI.m("2026-02"), KPI.de): 1, MonthMarket(KPI.m("2026-03"), KPI.fr): 1])
        // The same first orders, unsorted.
        #expect(f.unsortedFirstOrders.sorted { $0.customerKey < $1.customerKey } == f.firstOrders)
    }
}
