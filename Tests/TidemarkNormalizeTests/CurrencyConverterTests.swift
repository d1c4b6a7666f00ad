import Testing
import TidemarkCommerce

@testable import TidemarkNormalize

@Suite("CurrencyConverter")
struct CurrencyConverterTests {
    static func micros(_ m: Int64) -> Money { Money(micros: m) }

    @Test func convertsUSDToEURByDividingByTheRate() {
        // 100.00 USD on 2026-09-11 at 1.2106 USD/EUR: 100 / 1.2106 = 82.6036676028… → 82.603668 (6 dp, half away)
        let c = CurrencyConverter(table: DemoRates.table, target: .EUR)
        #expect(c.convert(Money(units: 100), from: .USD, on: DemoRates.day(11)) == Self.micros(82_603_668))
        // −45.98 / 1.2106 = −37.9811663637… → −37.981166
        #expect(c.convert(Self.micros(-45_980_000), from: .USD, on: DemoRates.day(11)) == Self.micros(-37_981_166))
        // 3980 JPY / 173.86 = 22.8919820545… → 22.891982
        #expect(c.convert(Money(units: 3980), from: .JPY, on: DemoRates.day(11)) == Self.micros(22_891_982))
    }

    @Test func convertsEURToUSDByMultiplyingByTheRate() {
        // 24.99 EUR on 2026-09-17 at 1.2115: 24.99 × 1.2115 = 30.275385 exactly
        let c = CurrencyConverter(table: DemoRates.table, target: .USD)
        #expect(c.convert(Self.micros(24_990_000), from: .EUR, on: DemoRates.day(17)) == Self.micros(30_275_385))
    }

    @Test func crossesThroughTheBase() {
        // 100.00 GBP → USD on 2026-09-11: 100 × rate(USD) / rate(GBP) = 100 × 1.2106 / 0.8736 = 138.5760073260…
        // → 138.576007
        let c = CurrencyConverter(table: DemoRates.table, target: .USD)
        #expect(c.convert(Money(units: 100), from: .GBP, on: DemoRates.day(11)) == Self.micros(138_576_007))
        // and back the other way: 50.00 USD → GBP = 50 × 0.8736 / 1.2106 = 36.0812820089… → 36.081282
        let g = CurrencyConverter(table: DemoRates.table, target: .GBP)
        #expect(g.convert(Money(units: 50), from: .USD, on: DemoRates.day(11)) == Self.micros(36_081_282))
    }

    @Test func roundsHalfAwayFromZero() {
        // at exactly 2 USD per EUR: 1 micro USD = 0.5 micro EUR → 1; 3 micros = 1.5 → 2; −1 micro = −0.5 → −1
        let table = FXTable(base: .EUR, rates: [FXRate(date: DemoRates.day(11), base: .EUR, currency: .USD, rate: DemoRates.rate("2"))])
        let c = CurrencyConverter(table: table, target: .EUR)
        #expect(c.convert(Self.micros(1), from: .USD, on: DemoRates.day(11)) == Self.micros(1))
        #expect(c.convert(Self.micros(3), from: .USD, on: DemoRates.day(11)) == Self.micros(2))
        #expect(c.convert(Self.micros(-1), from: .USD, on: DemoRates.day(11)) == Self.micros(-1))
        #expect(c.convert(Self.micros(-3), from: .USD, on: DemoRates.day(11)) == Self.micros(-2))
        // 5 micros / 2 = 2.5 → 3, never banker's 2
        #expect(c.convert(Self.micros(5), from: .USD, on: DemoRates.day(11)) == Self.micros(3))
    }

    @Test func returnsTheAmountUnchangedWhenSourceIsTarget() {
        let c = CurrencyConverter(table: FXTable(base: .EUR), target: .USD)
        // no table rows at all: USD → USD needs no rate
        #expect(c.convert(Self.micros(12_345_678), from: .USD, on: DemoRates.day(11)) == Self.micros(12_345_678))
        #expect(c.missing.isEmpty)
        #expect(c.used.isEmpty)
    }

    @Test func usesFridaysRateOnAMissingDayAndRecordsIt() {
        // Wednesday 2026-09-16 is not in the ECB file: Friday 11 (1.2106) is used;
        // 100 / 1.2106 → 82.603668 as on the 11th
        let c = CurrencyConverter(table: DemoRates.table, target: .EUR)
        #expect(c.convert(Money(units: 100), from: .USD, on: DemoRates.day(16)) == Self.micros(82_603_668))
        #expect(c.used == [RateUse(date: DemoRates.day(16), currency: .USD, rateDate: DemoRates.day(11), rate: DemoRates.rate("1.2106"), base: .EUR)])
        #expect(c.missing.isEmpty)
    }

    @Test func recordsBothLegsOfACrossRate() {
        let c = CurrencyConverter(table: DemoRates.table, target: .USD)
        _ = c.convert(Money(units: 1), from: .GBP, on: DemoRates.day(13))
        // Sunday 13 → Friday 11 for both GBP and USD
        #expect(Set(c.used.map(\.currency)) == [.GBP, .USD])
        #expect(c.used.allSatisfy { $0.date == DemoRates.day(13) && $0.rateDate == DemoRates.day(11) })
    }

    @Test func hasNoRateAfterEightDaysAndRecordsItAsMissing() {
        // last USD rate 2026-09-17; 2026-09-25 is 8 days later
        let c = CurrencyConverter(table: DemoRates.table, target: .EUR)
        let late = DemoRates.day(25)
        #expect(c.convert(Money(units: 100), from: .USD, on: late) == nil)
        #expect(c.missing == [MissingRate(currency: .USD, date: late)])
        #expect(!c.canConvert(.USD, on: late))
        // 7 days later (the 24th) is still within the window
        #expect(c.canConvert(.USD, on: DemoRates.day(24)))
    }

    @Test func recordsAMissingTargetRate() {
        // converting into CHF, which the table does not quote
        let c = CurrencyConverter(table: DemoRates.table, target: Currency("CHF"))
        #expect(c.convert(Money(units: 1), from: .EUR, on: DemoRates.day(11)) == nil)
        #expect(c.missing == [MissingRate(currency: Currency("CHF"), date: DemoRates.day(11))])
    }

    @Test func convertsFromTheBaseAtOne() {
        // EUR → EUR target: unchanged; EUR is the base so it needs no rate row either
        let c = CurrencyConverter(table: FXTable(base: .EUR), target: .EUR)
        #expect(c.convert(Self.micros(1_000_001), from: .EUR, on: DemoRates.day(11)) == Self.micros(1_000_001))
    }

    static let roundTripAmounts: [Int64] = [
        1, 3, 7, 999_999, 1_000_000, 24_990_000, 82_603_668, -45_980_000, 123_456_789_012, 9_999_999_999_999, -1,
    ]

    @Test(arguments: [Currency.USD, .GBP, .JPY])
    func roundTripsThroughAnotherCurrencyWithinOneMicroPerConversion(_ other: Currency) throws {
        // EUR → other → EUR: each conversion rounds once (≤ ½ micro, and the first error is scaled by 1/rate), so the
        // round trip differs by at most 2 micros (1 per conversion)
        let there = CurrencyConverter(table: DemoRates.table, target: other)
        let back = CurrencyConverter(table: DemoRates.table, target: .EUR)
        for micros in Self.roundTripAmounts {
            let original = Money(micros: micros)
            let converted = try #require(there.convert(original, from: .EUR, on: DemoRates.day(11)))
            let returned = try #require(back.convert(converted, from: other, on: DemoRates.day(11)))
            #expect(abs(returned.micros - original.micros) <= 2, "\(original) EUR → \(converted) \(other) → \(returned) EUR")
        }
    }
}
