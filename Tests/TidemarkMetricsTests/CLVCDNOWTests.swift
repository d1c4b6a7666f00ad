import Foundation
import Testing
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkMetrics

/// Reproduces the published CDNOW estimates (fixtures/cdnow/README.md) from the raw transaction log.
@Suite("CLV on the CDNOW sample")
struct CLVCDNOWTests {
    static let calibrationEnd = CivilDate(iso: "1997-09-30")!

    /// Reads `fixtures/cdnow/CDNOW_sample.txt`: whitespace-separated master id, sample index, YYYYMMDD, CDs,
    /// dollars. The dollar value becomes Money exactly (2 decimals).
    static let purchases: [CLVPurchase] = {
        let text = try! String(contentsOfFile: TestPaths.fixture("cdnow/CDNOW_sample.txt"), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).map { line in
            let f = line.split(whereSeparator: \.isWhitespace).map(String.init)
            precondition(f.count == 5, "bad line \(line)")
            let d = f[2]
            let date = CivilDate(
                year: Int(d.prefix(4))!, month: Int(d.dropFirst(4).prefix(2))!, day: Int(d.suffix(2))!)!
            let parts = f[4].split(separator: ".")
            let cents = Int64(parts[0])! * 100 + (parts.count > 1 ? Int64(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0))! : 0)
            return CLVPurchase(customerKey: f[0], date: date, amount: Money(micros: cents * 10_000))
        }
    }()

    static let summaries: [CLVCustomerSummary] = CustomerTransactions.summaries(
        CustomerTransactions.build(from: purchases), calibrationEnd: calibrationEnd, unit: .weeks)

    /// `value` rounded to 3 significant digits.
    static func sig3(_ value: Double) -> Double {
        let magnitude = pow(10, floor(log10(abs(value))) - 2)
        return (value / magnitude).rounded() * magnitude
    }

    @Test func theSampleHas2357CustomersAnd946RepeatBuyersInTheCalibrationPeriod() {
        #expect(Self.purchases.count == 6919)
        #expect(Self.summaries.count == 2357)
        #expect(Self.summaries.filter { $0.frequency > 0 }.count == 946)
    }

    @Test func theFirstCustomerMatchesThePublishedSummaryRow() {
        // Master id 00004 (sample index 0001) bought 1997-01-01 (29.33), 01-18 (29.73), 08-02 (14.96), 12-12 (26.48, after calibration).
        // x = 2; t_x = 213 days / 7 = 30.43; T = 272 days / 7 = 38.86; m̄ = (29.73 + 14.96) / 2 = 22.345.
        let c = Self.summaries.first { $0.customerKey == "00004" }!
        #expect(c.frequency == 2)
        #expect(abs(c.recency - 213.0 / 7) < 1e-12)
        #expect(abs(c.age - 272.0 / 7) < 1e-12)
        #expect(c.monetaryValue == Money(micros: 22_345_000))
    }

    @Test func bgnbdReproducesFaderHardieLee2005() {
        let fit = BGNBD.fit(Self.summaries, unit: .weeks)
        let p = fit.parameters
        #expect(fit.converged)
        #expect(fit.customers == 2357)
        // Published: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
        // This fit: r = 0.242595, α = 4.413602, a = 0.792922, b = 2.425907, LL = −9582.4292 (an independent
        // scipy Nelder–Mead fit of the same inputs: 0.242595, 4.413602, 0.792922, 2.425907, −9582.4292).
        #expect(Self.sig3(p.r) == Self.sig3(0.243))
        #expect(Self.sig3(p.alpha) == Self.sig3(4.414))
        #expect(Self.sig3(p.a) == Self.sig3(0.793))
        #expect(Self.sig3(p.b) == Self.sig3(2.426))
        // Every published digit: within half a unit of the last published decimal (0.0005).
        #expect(abs(p.r - 0.243) <= 0.0005)
        #expect(abs(p.alpha - 4.414) <= 0.0005)
        #expect(abs(p.a - 0.793) <= 0.0005)
        #expect(abs(p.b - 2.426) <= 0.0005)
        #expect(abs(fit.logLikelihood - -9582.4) < 0.05)
    }

    @Test func gammaGammaReproducesFaderHardieLee2005() {
        let fit = GammaGamma.fit(Self.summaries)
        let p = fit.parameters
        #expect(fit.converged)
        #expect(fit.customers == 946)
        // Published: p = 6.25, q = 3.74, γ = 15.44.
        // This fit: p = 6.249572, q = 3.744225, γ = 15.443521, LL = −4055.9177 (scipy: 6.249574, 3.744225,
        // 15.443518, −4055.9177).
        #expect(Self.sig3(p.p) == Self.sig3(6.25))
        #expect(Self.sig3(p.q) == Self.sig3(3.74))
        #expect(Self.sig3(p.gamma) == Self.sig3(15.44))
        // Every published digit: within half a unit of the last published decimal (0.005).
        #expect(abs(p.p - 6.25) <= 0.005)
        #expect(abs(p.q - 3.74) <= 0.005)
        #expect(abs(p.gamma - 15.44) <= 0.005)
    }
}

extension CLVCDNOWTests {
    @Test func predictiveCLVIsAvailableForEveryCDNOWCustomer() {
        let result = PredictiveCLV.run(Self.summaries)
        #expect(result.unavailable == nil)
        #expect(result.customers.count == 2357)
        #expect(result.customers.allSatisfy { $0.clv != nil && $0.clv!.micros >= 0 })
        // The worked-example customer (master id 00004): x = 2, t_x = 30.43, T = 38.86 (to 2 decimals).
        let c = result.customers.first { $0.customerKey == "00004" }!
        #expect(abs(c.expectedPurchases! - 1.563) < 0.002)
    }
}
