import Testing
import TidemarkCommerce

@testable import TidemarkMetrics

@Suite("CLV inputs")
struct CLVInputsTests {
    static func on(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }
    static func buy(_ key: String, _ iso: String, _ cents: Int64) -> CLVPurchase {
        CLVPurchase(customerKey: key, date: on(iso), amount: Money(micros: cents * 10_000))
    }

    /// Customer A: 2026-01-01 10.00 and 5.00 (same day), 2026-01-15 20.00, 2026-01-29 30.00 and 1.00 (same day),
    /// 2026-03-01 99.00 (after the calibration end 2026-02-11).
    static let a = [
        buy("A", "2026-01-01", 10_00), buy("A", "2026-01-15", 20_00), buy("A", "2026-01-01", 5_00),
        buy("A", "2026-01-29", 30_00), buy("A", "2026-01-29", 1_00), buy("A", "2026-03-01", 99_00),
    ]
    static let end = on("2026-02-11")

    @Test func samedayPurchasesMergeIntoOnePurchaseDay() {
        let t = CustomerTransactions.build(from: Self.a)
        #expect(t.count == 1)
        #expect(t[0].days.map(\.date) == ["2026-01-01", "2026-01-15", "2026-01-29", "2026-03-01"].map(Self.on))
        // 10.00 + 5.00 = 15.00 and 30.00 + 1.00 = 31.00
        #expect(t[0].days.map(\.amount.micros) == [15_000_000, 20_000_000, 31_000_000, 99_000_000])
        #expect(t[0].days.map(\.records) == [2, 1, 2, 1])
    }

    @Test func frequencyRecencyAgeAndMonetaryValueInWeeks() {
        let s = CustomerTransactions.build(from: Self.a)[0].summary(calibrationEnd: Self.end, unit: .weeks)!
        // Purchase days in calibration: 01-01, 01-15, 01-29 → x = 2 repeat days.
        #expect(s.frequency == 2)
        // t_x = 28 days / 7 = 4 weeks; T = 01-01 → 02-11 = 41 days / 7 = 5.857 weeks.
        #expect(s.recency == 4)
        #expect(abs(s.age - 41.0 / 7) < 1e-12)
        // m̄ = (20.00 + 31.00) / 2 = 25.50: the first day (15.00) and the March purchase are not counted.
        #expect(s.monetaryValue == Money(micros: 25_500_000))
        // Records 2 + 1 + 2 = 5; total value 15 + 20 + 31 = 66.00.
        #expect(s.orders == 5)
        #expect(s.totalValue == Money(micros: 66_000_000))
        #expect(s.firstPurchase == Self.on("2026-01-01") && s.lastPurchase == Self.on("2026-01-29"))
    }

    @Test(arguments: [
        (CLVTimeUnit.days, 28.0, 41.0),
        (.weeks, 4.0, 41.0 / 7),
        (.months, 28 / 30.4375, 41 / 30.4375),  // a month is 365.25 / 12 = 30.4375 days
    ])
    func theTimeUnitScalesRecencyAndAge(unit: CLVTimeUnit, recency: Double, age: Double) {
        let s = CustomerTransactions.build(from: Self.a)[0].summary(calibrationEnd: Self.end, unit: unit)!
        #expect(abs(s.recency - recency) < 1e-12)
        #expect(abs(s.age - age) < 1e-12)
        #expect(s.frequency == 2)
    }

    @Test func aOneDayCustomerHasNoRepeatsAndNoMonetaryValue() {
        let s = CustomerTransactions.build(from: [Self.buy("B", "2026-02-11", 7_00), Self.buy("B", "2026-02-11", 3_00)])[0]
            .summary(calibrationEnd: Self.end)!
        // Two records on the calibration end date merge: x = 0, t_x = 0, T = 0.
        #expect(s.frequency == 0 && s.recency == 0 && s.age == 0)
        #expect(s.monetaryValue == nil)
        #expect(s.totalValue == Money(micros: 10_000_000))
    }

    @Test func customersAcquiredAfterTheCalibrationEndAreExcluded() {
        let all = CustomerTransactions.build(from: Self.a + [Self.buy("C", "2026-02-12", 5_00)])
        #expect(all.map(\.customerKey) == ["A", "C"])
        let s = CustomerTransactions.summaries(all, calibrationEnd: Self.end)
        #expect(s.map(\.customerKey) == ["A"])
    }

    @Test func theMeanRepeatValueRoundsToMillionthsHalfAwayFromZero() {
        // Repeat days 0.01, 0.01, 0.00 (a zero-value day still counts): 0.02 / 3 = 0.006666… → 0.006667.
        let t = CustomerTransactions.build(from: [
            Self.buy("D", "2026-01-01", 1_00), Self.buy("D", "2026-01-02", 1), Self.buy("D", "2026-01-03", 1),
            Self.buy("D", "2026-01-04", 0),
        ])
        let s = t[0].summary(calibrationEnd: Self.end)!
        #expect(s.frequency == 3)
        #expect(s.monetaryValue == Money(micros: 6_667))
    }
}
