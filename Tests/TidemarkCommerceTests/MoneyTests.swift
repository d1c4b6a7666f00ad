import Testing
import TidemarkCommerce

@Suite struct MoneyTests {
    /// Rounding to a minor unit: (amount in millionths, digits, expected count of minor units).
    /// Each row is millionths / 10^(6 − digits), halves away from zero.
    @Test(arguments: [
        (1_005_000, 2, 101),  // 1.005 → 100.5 cents → 101
        (-1_005_000, 2, -101),  // −1.005 → −100.5 cents → −101
        (1_004_999, 2, 100),  // 1.004999 → 100.4999 cents → 100
        (4_999, 2, 0),  // 0.004999 → 0.4999 cents → 0
        (5_000, 2, 1),  // 0.005 → 0.5 cents → 1
        (-5_000, 2, -1),  // −0.005 → −0.5 cents → −1
        (2_500_000, 0, 3),  // 2.5 JPY → 3
        (-2_500_000, 0, -3),  // −2.5 JPY → −3
        (3_500_000, 0, 4),  // 3.5 → 4
        (4_500_000, 0, 5),  // 4.5 → 5 (banker's rounding would give 4)
        (1_499_999, 0, 1),  // 1.499999 → 1
        (1_234_500, 3, 1_235),  // 1.2345 KWD → 1234.5 fils → 1235
        (12_345_678, 6, 12_345_678),  // six digits: unchanged
    ])
    func roundsHalfAwayFromZero(micros: Int64, digits: Int, expected: Int64) {
        #expect(Money(micros: micros).rounded(toMinorUnits: digits) == expected)
    }

    @Test(arguments: [
        (1_005_000, 2, "1.01"),
        (-1_005_000, 2, "-1.01"),
        (4_999, 2, "0.00"),  // rounds to zero: no "-0.00" either way
        (-4_999, 2, "0.00"),  // −0.004999 → −0.4999 cents → 0, written without a sign
        (-50_000, 2, "-0.05"),  // a negative amount below one keeps its sign
        (2_500_000, 0, "3"),
        (-2_500_000, 0, "-3"),
        (-1_234_500_000, 2, "-1234.50"),  // no grouping, two decimals kept
        (1_234_500, 3, "1.235"),
        (7_000_000, 4, "7.0000"),  // CLF has four decimals
    ])
    func formatsRoundedToMinorUnits(micros: Int64, digits: Int, expected: String) {
        #expect(Money(micros: micros).formatted(minorUnits: digits) == expected)
    }

    @Test func descriptionKeepsAllSixDecimals() {
        #expect(Money(micros: 12_345_678).description == "12.345678")
        #expect(Money(micros: -50_000).description == "-0.050000")
        #expect(Money(micros: -1).description == "-0.000001")
        #expect(Money.zero.description == "0.000000")
        #expect(Money(units: -3).description == "-3.000000")
    }

    @Test(arguments: [
        (Int64(-5), 2, "-0.05"),
        (Int64(5), 2, "0.05"),
        (Int64(-105), 2, "-1.05"),
        (Int64(0), 2, "0.00"),
        (Int64(-7), 0, "-7"),
        (Int64.min, 6, "-9223372036854.775808"),  // the magnitude of Int64.min does not overflow
    ])
    func writesDecimalStrings(value: Int64, decimals: Int, expected: String) {
        #expect(Money.decimalString(value, decimals: decimals) == expected)
    }

    @Test func addsExactlyWhereBinaryFloatingPointWouldNot() {
        // 0.1 + 0.2 in millionths: 100 000 + 200 000 = 300 000 = 0.3 exactly.
        #expect(Money(micros: 100_000) + Money(micros: 200_000) == Money(micros: 300_000))
        // Ten times 0.10: 10 × 100 000 = 1 000 000 = 1.00.
        #expect(Money.sum(Array(repeating: Money(micros: 100_000), count: 10)) == Money(units: 1))
    }

    @Test func totalsAreRoundedAfterSummingUnroundedValues() {
        // 3 × 1.005 = 3.015 → 301.5 cents → 3.02; rounding each first would give 3 × 1.01 = 3.03.
        let lines = [Money(micros: 1_005_000), Money(micros: 1_005_000), Money(micros: 1_005_000)]
        #expect(Money.sum(lines) == Money(micros: 3_015_000))
        #expect(Money.sum(lines).formatted(minorUnits: 2) == "3.02")
    }

    @Test func sumOfNothingIsZero() {
        #expect(Money.sum([Money]()) == .zero)
        #expect(Money.sum([Money]()).isZero)
    }

    @Test func arithmeticAndComparison() {
        var total = Money(units: 10)
        total += Money(micros: 2_500_000)  // 12.5
        total -= Money(units: 20)  // −7.5
        #expect(total == Money(micros: -7_500_000))
        #expect(-total == Money(micros: 7_500_000))
        #expect(total.magnitude == Money(micros: 7_500_000))
        #expect(total < .zero)
        #expect(Money(units: 5) - Money(units: 7) == Money(units: -2))
        // 19.99 × 3 = 59.97
        #expect(Money(micros: 19_990_000).times(3) == Money(micros: 59_970_000))
        #expect(Money(micros: 19_990_000).times(0).isZero)
    }

    @Test(arguments: [(0, 1), (1, 10), (2, 100), (6, 1_000_000), (10, 10_000_000_000)])
    func powersOfTen(exponent: Int, expected: Int64) {
        #expect(pow10(exponent) == expected)
    }

    @Test(arguments: [
        (7, 2, 4),  // 3.5 → 4
        (-7, 2, -4),  // −3.5 → −4
        (7, -2, -4),  // sign from the divisor
        (-7, -2, 4),
        (5, 3, 2),  // 1.67 → 2
        (4, 3, 1),  // 1.33 → 1
        (0, 5, 0),
    ])
    func dividesRoundingHalfAwayFromZero(numerator: Int, denominator: Int, expected: Int) {
        #expect(Money.divideRoundingHalfAwayFromZero(Int128(numerator), by: Int128(denominator)) == Int128(expected))
    }
}
