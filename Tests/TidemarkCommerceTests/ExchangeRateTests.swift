import Testing
import TidemarkCommerce

@Suite struct ExchangeRateTests {
    /// A rate from its decimal digits in ten-billionths, e.g. 1.0823 → 10 823 000 000.
    static func rate(_ scaled: Int64) -> ExchangeRate { ExchangeRate(scaled: scaled)! }

    // ECB-style rates, per one EUR (the table's base).
    static let usd = rate(10_823_000_000)  // 1.0823
    static let gbp = rate(8_453_000_000)  // 0.8453
    static let jpy = rate(1_624_700_000_000)  // 162.47
    static let kwd = rate(3_331_000_000)  // 0.3331
    static let idr = rate(175_432_100_000_000)  // 17543.21
    static let eur = ExchangeRate.one

    @Test func convertsFromTheBaseCurrency() {
        // 100 EUR → USD: 100 × 1.0823 / 1 = 108.23
        #expect(ExchangeRate.convert(Money(units: 100), from: Self.eur, to: Self.usd) == Money(micros: 108_230_000))
    }

    @Test func convertsIntoTheBaseCurrencyRoundingToMillionths() {
        // 100 USD → EUR: 100 × 1 / 1.0823 = 10^12 / 10 823 millionths.
        // Long division: 10 823 × 92 395 823 = 999 999 992 329, remainder 7 671; 7 671 / 10 823 = 0.709 ≥ 0.5,
        // so 92 395 823.709 rounds up to 92 395 824 millionths = 92.395824 EUR.
        let euros = ExchangeRate.convert(Money(units: 100), from: Self.usd, to: Self.eur)
        #expect(euros == Money(micros: 92_395_824))
        #expect(euros.formatted(minorUnits: 2) == "92.40")
    }

    @Test func crossRateGoesThroughTheBase() {
        // 1000 GBP → JPY = 1000 × rate(JPY) / rate(GBP) = 162 470 / 0.8453 = 192 203.951259 9…
        // In integers: 162 470 × 10^10 / 8 453 = 192 203 951 259 remainder 7 673; 7 673 / 8 453 = 0.908 ≥ 0.5
        // → 192 203 951 260 millionths. Check: 8 453 × 192 203 951 260 = 1 624 700 000 000 780 ≈ 162 470 × 10^10.
        let yen = ExchangeRate.convert(Money(units: 1000), from: Self.gbp, to: Self.jpy)
        #expect(yen == Money(micros: 192_203_951_260))
        #expect(yen.formatted(minorUnits: 0) == "192204")
    }

    @Test func convertsNegativeAmountsSymmetrically() {
        let refund = ExchangeRate.convert(Money(units: -100), from: Self.usd, to: Self.eur)
        #expect(refund == Money(micros: -92_395_824))
    }

    @Test(arguments: [Self.usd, Self.gbp, Self.jpy, Self.kwd, Self.idr, Self.eur])
    func convertingToTheSameRateChangesNothing(rate: ExchangeRate) {
        for micros: Int64 in [0, 1, -1, 19_990_000, 123_456_789_012] {
            #expect(ExchangeRate.convert(Money(micros: micros), from: rate, to: rate) == Money(micros: micros))
        }
    }

    /// Round trip C → D → C: the forward step rounds by at most ½ millionth of D, which the way back scales by
    /// rate(C)/rate(D), and the way back rounds by at most ½ millionth of C. So the amount comes back within
    /// ½ × rate(C)/rate(D) + ½ millionths, i.e. 2 × |error| × rate(D) ≤ rate(C) + rate(D) in integers.
    @Test(arguments: [
        (Self.usd, Self.eur), (Self.eur, Self.usd), (Self.gbp, Self.jpy), (Self.jpy, Self.gbp),
        (Self.kwd, Self.idr), (Self.idr, Self.kwd), (Self.usd, Self.gbp), (Self.jpy, Self.kwd),
    ])
    func roundTripDiffersAtMostByTheRounding(source: ExchangeRate, target: ExchangeRate) {
        let amounts: [Int64] = [0, 1, -1, 10_000, 19_990_000, -42_500_000, 123_456_789_012, 999_999_999, 5_000_000_000]
        for micros in amounts {
            let there = ExchangeRate.convert(Money(micros: micros), from: source, to: target)
            let back = ExchangeRate.convert(there, from: target, to: source)
            let error = Int128((back.micros - micros).magnitude)
            #expect(2 * error * Int128(target.scaled) <= Int128(source.scaled) + Int128(target.scaled),
                "\(micros) via \(target) came back as \(back.micros)")
        }
    }

    @Test func roundTripBetweenSimilarRatesIsExact() {
        // rate(C)/rate(D) < 1 makes the bound above < 1 millionth: the amount comes back unchanged.
        for micros: Int64 in [1, 19_990_000, -42_500_000, 123_456_789_012] {
            let there = ExchangeRate.convert(Money(micros: micros), from: Self.gbp, to: Self.usd)
            #expect(ExchangeRate.convert(there, from: Self.usd, to: Self.gbp) == Money(micros: micros))
        }
    }

    @Test func rejectsRatesThatAreNotPositive() {
        #expect(ExchangeRate(scaled: 0) == nil)
        #expect(ExchangeRate(scaled: -10_823_000_000) == nil)
        #expect(ExchangeRate(scaled: 1) != nil)
    }

    @Test(arguments: [
        (Int64(10_823_000_000), "1.0823"),
        (Int64(1_624_700_000_000), "162.47"),
        (Int64(10_000_000_000), "1"),
        (Int64(1), "0.0000000001"),
        (Int64(175_432_100_000_000), "17543.21"),
    ])
    func writesTheRateExactlyWithoutTrailingZeros(scaled: Int64, expected: String) {
        #expect(ExchangeRate(scaled: scaled)!.description == expected)
    }

    @Test func ordersByValue() {
        #expect(Self.gbp < Self.eur)
        #expect(Self.eur < Self.usd)
        #expect(ExchangeRate.one.scaled == ExchangeRate.scale)
    }
}
