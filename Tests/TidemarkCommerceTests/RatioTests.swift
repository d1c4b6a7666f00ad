import Testing
import TidemarkCommerce

@Suite struct RatioTests {
    /// (numerator, denominator, decimals, expected): numerator × 10^decimals / denominator, halves away from zero.
    @Test(arguments: [
        (1, 8, 4, "0.1250"),  // 10 000 / 8 = 1250
        (2, 3, 4, "0.6667"),  // 20 000 / 3 = 6666.67 → 6667
        (-1, 3, 4, "-0.3333"),  // −10 000 / 3 = −3333.33 → −3333
        (1, -3, 4, "-0.3333"),  // the sign may sit in the denominator
        (-2, -3, 4, "0.6667"),
        (1, 8, 2, "0.13"),  // 100 / 8 = 12.5 → 13
        (-1, 8, 2, "-0.13"),  // −12.5 → −13
        (5, 4, 4, "1.2500"),  // above one
        (0, 7, 4, "0.0000"),
        (1, 3, 0, "0"),  // 0.33 → 0
        (1, 2, 0, "1"),  // 0.5 → 1
    ])
    func formatsWithHalfAwayFromZero(numerator: Int, denominator: Int, decimals: Int, expected: String) {
        let ratio = Ratio(Int128(numerator), Int128(denominator))
        #expect(ratio?.formatted(decimals: decimals) == expected)
    }

    @Test func formatsFourDecimalsByDefault() {
        #expect(Ratio(1, over: 8)?.formatted() == "0.1250")
    }

    @Test func doesNotExistForAZeroDenominator() {
        #expect(Ratio(Int128(1), Int128(0)) == nil)
        #expect(Ratio(3, over: 0) == nil)
        #expect(Ratio(Money(units: 5), over: .zero) == nil)
        #expect(Ratio(0, over: 0) == nil)
    }

    @Test func marginOfTwoAmounts() {
        // 25.00 / 100.00 = 0.25; 1.00 / 3.00 = 0.3333…
        #expect(Ratio(Money(units: 25), over: Money(units: 100))?.formatted() == "0.2500")
        #expect(Ratio(Money(units: 1), over: Money(units: 3))?.formatted(decimals: 6) == "0.333333")
    }

    @Test func scalesAnAmountRoundingToMillionths() {
        // 10 × 1/3 = 3.3333333… → 3.333333 (10 000 000 / 3 = 3 333 333.33 micros)
        #expect(Ratio(1, over: 3)?.times(Money(units: 10)) == Money(micros: 3_333_333))
        // 1 × 2/3 = 666 666.67 micros → 666 667
        #expect(Ratio(2, over: 3)?.times(Money(units: 1)) == Money(micros: 666_667))
        // −1 × 2/3 → −666 667 (half away from zero applies to the magnitude)
        #expect(Ratio(2, over: 3)?.times(Money(units: -1)) == Money(micros: -666_667))
        // A line's share of an order's shipping: 4.99 × 30.00 / 70.00 = 2.138571428… → 2.138571
        #expect(Ratio(Money(units: 30), over: Money(units: 70))?.times(Money(micros: 4_990_000)) == Money(micros: 2_138_571))
    }
}
