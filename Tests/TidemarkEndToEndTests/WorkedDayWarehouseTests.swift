import Foundation
import Testing
import TidemarkCommerce
import TidemarkTestSupport
import TidemarkWarehouse

/// The hand-computed day of fixtures/README.md ("worked day 2026-09-15"), checked against the warehouse facts after
/// the real demo run: spend, clicks and impressions per network and market in the networks' own currencies, and the
/// shipping cost and duty of two orders.
@Suite struct WorkedDayWarehouseTests {
    @Test func theWarehouseHoldsTheHandComputedDay() throws {
        let dir = TestPaths.temporaryDirectory()
        let r = try TidemarkBinary.run(
            ["run", "pipelines/demo.yaml", "--out", dir.appendingPathComponent("out").path, "--warehouse", dir.appendingPathComponent("w.sqlite").path, "--fail-on", "never", "--quiet"],
            environment: ["TIDEMARK_NOW": "2026-11-22T06:00:00Z", "TIDEMARK_CUSTOMER_KEY": "k"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let w = try Warehouse(path: dir.appendingPathComponent("w.sqlite").path)
        let day = CivilDate(iso: "2026-09-15")!
        var sums: [String: (Money, Int, Int, String)] = [:]
        try w.forEachAd { ad in
            guard ad.date == day else { return }
            let k = "\(ad.platform.name) \(ad.market.code)"
            let prior = sums[k] ?? (.zero, 0, 0, ad.currency.code)
            sums[k] = (prior.0 + ad.spend, prior.1 + ad.clicks, prior.2 + ad.impressions, ad.currency.code)
        }
        // (spend, clicks, impressions, currency) from fixtures/README.md, e.g. Amazon Ads US
        // 3.65 + 2.04 + 2.22 + 3.05 + 2.08 + 4.30 + 11.06 + 3.20 = 31.60 USD; DE 14.80 + 8.97 + 5.36 + 0.89 = 30.02 EUR.
        let expected: [String: (Int64, Int, Int, String)] = [
            "amazon_ads US": (31_600_000, 49, 8060, "USD"), "amazon_ads DE": (30_020_000, 42, 6427, "EUR"),
            "google_ads US": (18_320_000, 26, 660, "USD"), "google_ads GB": (56_630_000, 95, 2772, "USD"),
            "meta_ads DE": (57_040_000, 228, 12858, "EUR"), "meta_ads FR": (94_380_000, 124, 14118, "EUR"),
            "meta_ads IT": (71_450_000, 79, 8114, "EUR"), "meta_ads ES": (49_630_000, 52, 7474, "EUR"),
        ]
        #expect(Set(sums.keys) == Set(expected.keys))
        for (k, e) in expected {
            let got = try #require(sums[k], "\(k) missing")
            #expect(got.0 == Money(micros: e.0), "\(k) spend")
            #expect(got.1 == e.1 && got.2 == e.2 && got.3 == e.3, "\(k)")
        }
        // Two orders' parcels: FedEx freight 12.69 − 1.52 discount = 11.17, fuel 1.97 (13.14 USD, no duty);
        // 4PX freight 25.20, fuel 2.02, duty 12.5 % × 97.89 = 12.24 (39.46 USD).
        var charges: [String: [ChargeType: Money]] = [:]
        try w.forEachShipment { s, stored in
            guard let order = s.orderID, ["113-5446759-1986946", "306-0899867-2256624"].contains(order) else { return }
            for c in stored { charges[order, default: [:]][c.type, default: .zero] += c.amount }
        }
        #expect(charges["113-5446759-1986946"] == [.freight: Money(micros: 11_170_000), .fuel: Money(micros: 1_970_000)])
        #expect(charges["306-0899867-2256624"] == [.freight: Money(micros: 25_200_000), .fuel: Money(micros: 2_020_000), .dutyTax: Money(micros: 12_240_000)])
    }
}
