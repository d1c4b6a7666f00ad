import Testing
import TidemarkCommerce

@testable import TidemarkNormalize

/// Rates from fixtures/fx/eurofxref-hist.csv (units per 1 EUR). The ECB file has no rows for 2026-09-14, 15 and 16
/// (left out on purpose) nor for weekends: Friday 2026-09-11 is followed by Thursday 2026-09-17.
enum DemoRates {
    static func day(_ d: Int) -> CivilDate { CivilDate(year: 2026, month: 9, day: d)! }
    static func rate(_ text: String) -> ExchangeRate {
        // exact decimal → 10^-10 units, e.g. "1.2106" → 12_106_000_000
        let parts = text.split(separator: ".")
        let decimals = parts.count == 2 ? String(parts[1]) : ""
        let scaled = Int64(String(parts[0]) + decimals + String(repeating: "0", count: 10 - decimals.count))!
        return ExchangeRate(scaled: scaled)!
    }
    static func fx(_ d: Int, _ currency: Currency, _ text: String) -> FXRate {
        FXRate(date: day(d), base: .EUR, currency: currency, rate: rate(text))
    }
    static let rates: [FXRate] = [
        fx(10, .USD, "1.2004"), fx(10, .GBP, "0.8721"), fx(10, .JPY, "173.14"),
        fx(11, .USD, "1.2106"), fx(11, .GBP, "0.8736"), fx(11, .JPY, "173.86"),
        fx(17, .USD, "1.2115"), fx(17, .GBP, "0.87668"), fx(17, .JPY, "173.2"),
    ]
    static let table = FXTable(base: .EUR, rates: rates)
}

@Suite("FXTable")
struct FXTableTests {
    @Test func usesTheRateOfTheDay() throws {
        let r = try #require(DemoRates.table.rate(of: .USD, on: DemoRates.day(11)))
        #expect(r.rate == DemoRates.rate("1.2106"))
        #expect(r.rateDate == DemoRates.day(11))
        #expect(DemoRates.table.rate(of: .GBP, on: DemoRates.day(17))?.rate == DemoRates.rate("0.87668"))
    }

    @Test(arguments: [12, 13])
    func usesFridaysRateAtTheWeekend(_ day: Int) throws {
        // Sat 12 / Sun 13 September → Friday 11
        let r = try #require(DemoRates.table.rate(of: .USD, on: DemoRates.day(day)))
        #expect(r.rateDate == DemoRates.day(11))
        #expect(r.rate == DemoRates.rate("1.2106"))
    }

    @Test(arguments: [14, 15, 16])
    func bridgesTheThreeMissingBusinessDaysWithFridaysRate(_ day: Int) throws {
        // 14–16 September are not in the ECB file: 11 is 3–5 days back, within the 7-day window
        let r = try #require(DemoRates.table.rate(of: .GBP, on: DemoRates.day(day)))
        #expect(r.rateDate == DemoRates.day(11))
        #expect(r.rate == DemoRates.rate("0.8736"))
    }

    @Test func borrowsARateAtMostSevenDaysOld() {
        // only 10 September known for this currency: 17 is 7 days later (allowed), 18 is 8 (not)
        let table = FXTable(base: .EUR, rates: [DemoRates.fx(10, Currency("CHF"), "0.9675")])
        #expect(table.rate(of: Currency("CHF"), on: DemoRates.day(17))?.rateDate == DemoRates.day(10))
        #expect(table.rate(of: Currency("CHF"), on: DemoRates.day(18)) == nil)
    }

    @Test func hasNoRateBeforeTheFirstOne() {
        #expect(DemoRates.table.rate(of: .USD, on: DemoRates.day(9)) == nil)
    }

    @Test func hasNoRateForAnUnquotedCurrency() {
        #expect(DemoRates.table.rate(of: Currency("CHF"), on: DemoRates.day(11)) == nil)
    }

    @Test func quotesTheBaseAtOne() {
        // even on a day with no rows at all
        let r = DemoRates.table.rate(of: .EUR, on: CivilDate(year: 2030, month: 1, day: 1)!)
        #expect(r?.rate == .one)
    }

    @Test func ignoresRatesAgainstAnotherBase() {
        let other = FXRate(date: DemoRates.day(11), base: .USD, currency: .JPY, rate: DemoRates.rate("143.6"))
        let table = FXTable(base: .EUR, rates: [other])
        #expect(table.rate(of: .JPY, on: DemoRates.day(11)) == nil)
        #expect(table.currencies.isEmpty)
    }

    @Test func sortsRatesGivenInAnyOrder() {
        // the ECB file is newest first
        let table = FXTable(base: .EUR, rates: DemoRates.rates.reversed())
        #expect(table.rate(of: .USD, on: DemoRates.day(16))?.rateDate == DemoRates.day(11))
        #expect(table.currencies == [.GBP, .JPY, .USD])
    }
}
