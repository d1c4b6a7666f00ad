import Testing
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkNormalize

/// The converter's flat memo of lookups (days in arrays per currency, far days aside) gives what the rate table gives
/// directly, records each rate used or missing once, in whatever order dates come.
@Suite struct RateMemoTests {
    @Test func conversionsInRandomOrderAgreeWithTheTable() {
        var rng = SeededRandom(seed: 11)
        let table = DemoRates.table
        let converter = CurrencyConverter(table: table, target: .USD)
        var used: Set<RateUse> = [], missing: Set<MissingRate> = []
        func expected(_ amount: Money, _ currency: Currency, _ date: CivilDate) -> Money? {
            if currency == .USD { return amount }
            var legs: [(Currency, ExchangeRate)] = []
            for c in [currency, Currency.USD] where c != table.base {
                guard let (rate, rateDate) = table.rate(of: c, on: date) else {
                    missing.insert(MissingRate(currency: c, date: date))
                    return nil
                }
                used.insert(RateUse(date: date, currency: c, rateDate: rateDate, rate: rate, base: table.base))
                legs.append((c, rate))
            }
            let rate = { (c: Currency) in legs.first { $0.0 == c }?.1 ?? .one }
            return ExchangeRate.convert(amount, from: rate(currency), to: rate(.USD))
        }
        // Days around the rates, and far ones (decades away, beyond the memo's span) that have none.
        let days = (0..<40).map { DemoRates.day(1).advanced(by: $0) } + [CivilDate(year: 1990, month: 1, day: 1)!, CivilDate(year: 2090, month: 5, day: 5)!]
        for _ in 0..<3_000 {
            let currency = [Currency.EUR, .USD, .GBP, .JPY].randomElement(using: &rng)!
            let date = days.randomElement(using: &rng)!
            let amount = Money(micros: Int64.random(in: -50_000_000...50_000_000, using: &rng))
            let want = expected(amount, currency, date)
            #expect(converter.convert(amount, from: currency, on: date) == want)
            #expect(converter.canConvert(currency, on: date) == (want != nil))
            // A conversion looked up once converts as convert(_:from:on:) does.
            #expect(converter.conversion(from: currency, on: date)?.convert(amount) == want)
        }
        #expect(converter.used == used)
        #expect(converter.missing == missing)
    }

    @Test func remembersEachResultByCurrencyAndDay() {
        var memo = RateMemo()
        let near = DemoRates.day(10), far = near.advanced(by: Int(RateMemo.maxSpan) + 5)
        #expect(memo.result(.USD, near) == .unknown)
        memo.record(DemoRates.rate("1.2"), .USD, near)
        memo.record(nil, .USD, near.advanced(by: -3))
        memo.record(DemoRates.rate("0.9"), .USD, far)
        memo.record(DemoRates.rate("170"), .JPY, near)
        #expect(memo.result(.USD, near) == .known(DemoRates.rate("1.2")))
        #expect(memo.result(.USD, near.advanced(by: -3)) == .known(nil))
        #expect(memo.result(.USD, near.advanced(by: -2)) == .unknown)
        #expect(memo.result(.USD, far) == .known(DemoRates.rate("0.9")))
        #expect(memo.result(.JPY, near) == .known(DemoRates.rate("170")))
        #expect(memo.result(.GBP, near) == .unknown)
    }
}
