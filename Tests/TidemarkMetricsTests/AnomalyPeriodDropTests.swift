import Testing
import TidemarkCommerce

@testable import TidemarkMetrics

@Suite("Period drop: last 7 days against the 7 before")
struct AnomalyPeriodDropTests {
    static let end = CivilDate(iso: "2026-03-14")!

    /// Earlier week (03-01…03-07) totals `earlier`, recent week (03-08…03-14) totals `recent`, spread over the
    /// first day of each week (the rule only looks at totals).
    static func series(earlier: Double, recent: Double) -> DailySeries {
        var v: [CivilDate: Double] = [:]
        for i in 0..<14 { v[end.advanced(by: -i)] = 0 }
        v[end.advanced(by: -13)] = earlier
        v[end.advanced(by: -6)] = recent
        return DailySeries(metric: "inquiries", dimensions: ["market": "FR", "platform": "alibaba"], values: v)
    }

    @Test(arguments: [
        (100.0, 81.0, nil),  // 19 % fall
        (100.0, 80.0, Severity.warning),  // 20 %
        (100.0, 61.0, Severity.warning),  // 39 %
        (100.0, 60.0, Severity.critical),  // 40 %
        (100.0, 120.0, nil),  // a rise
        (19.0, 0.0, nil),  // 100 % fall but only 19 events the week before
        (20.0, 12.0, Severity.critical),  // 8 / 20 = 40 % with exactly 20 events
        (20.0, 17.0, nil),  // 15 %
    ])
    func thresholds(earlier: Double, recent: Double, severity: Severity?) {
        let f = PeriodDrop.flag(Self.series(earlier: earlier, recent: recent), endingOn: Self.end)
        #expect(f?.severity == severity)
    }

    @Test func flagCarriesBothWeeksAndTheFall() {
        let f = PeriodDrop.flag(Self.series(earlier: 100, recent: 75), endingOn: Self.end)!
        #expect(f.rule == "period_drop" && f.metric == "inquiries" && f.dimensionsText == "market=FR;platform=alibaba")
        #expect((f.observed, f.expected, f.score) == ("75.00", "100.00", "-0.2500"))
        #expect(
            f.explanation
                == "inquiries (market=FR;platform=alibaba) fell 25.0 % week on week: 75.00 in 2026-03-08 to 2026-03-14 against 100.00 in 2026-03-01 to 2026-03-07"
        )
    }

    @Test func daysWithoutDataCountAsZeroInAWeeksTotal() {
        var s = Self.series(earlier: 100, recent: 90)
        s.values[Self.end.advanced(by: -6)] = nil  // the recent week's only events vanish
        #expect(PeriodDrop.flag(s, endingOn: Self.end)?.severity == .critical)
    }

    @Test func consecutiveEvaluationDaysFormOneEpisode() {
        // 10 a day for 14 days, then 5 a day: evaluated 03-15…03-20, the recent week falls by 5/70 per day:
        // 03-15 7 %, 03-16 14 %, 03-17 21 %, 03-18 29 %, 03-19 36 %, 03-20 43 % … → warning from 03-17, critical
        // from 03-20 (the earlier week still 70 until 03-21): one episode 03-17…03-20 at its deepest day.
        var v: [CivilDate: Double] = [:]
        for i in 0..<14 { v[Self.end.advanced(by: -i)] = 10 }
        for i in 1...6 { v[Self.end.advanced(by: i)] = 5 }
        let s = DailySeries(metric: "orders", dimensions: ["market": "DE"], values: v)
        let flags = PeriodDrop.flags(s, days: Self.end.advanced(by: 1)...Self.end.advanced(by: 6))
        #expect(flags.count == 1)
        #expect(flags.first.map { "\($0.date)…\($0.endDate) \($0.severity) \($0.score)" } == "2026-03-17…2026-03-20 critical -0.4286")
    }
}
