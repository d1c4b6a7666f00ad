import Testing
import TidemarkCommerce

@testable import TidemarkMetrics

@Suite("Robust deviation detector")
struct AnomalyDetectorTests {
    /// 2026-01-05 is a Monday.
    static let start = CivilDate(iso: "2026-01-05")!
    static let dims = ["market": "DE", "platform": "amazon"]

    /// The plain metrics.md rule: the weekday pattern switched off.
    static var plain: FlagThresholds {
        var t = FlagThresholds.defaults
        t.minimumPointsPerWeekday = 1000
        return t
    }

    static func series(_ values: [Double?]) -> DailySeries {
        var v: [CivilDate: Double] = [:]
        for (i, x) in values.enumerated() { if let x { v[start.advanced(by: i)] = x } }
        return DailySeries(metric: "orders", dimensions: dims, values: v)
    }

    /// 14 days of history: 10 11 12 10 11 12 10 11 12 10 11 12 10 11.
    /// Sorted: 10×5, 11×5, 12×4 → median (11 + 11) / 2 = 11; |x − 11|: 0×5, 1×9 → MAD 1 → scale 1.4826.
    static let fourteen: [Double?] = (0..<14).map { Double(10 + $0 % 3) }

    @Test(arguments: [
        // (x − 11) / 1.4826
        (16.0, nil, 3.3725),  // 5 / 1.4826 = 3.3725 < 3.5
        (17.0, Severity.warning, 4.0469),  // 6 / 1.4826
        (19.0, Severity.critical, 5.3959),  // 8 / 1.4826
        (5.8, Severity.warning, -3.5074),  // −5.2 / 1.4826
    ])
    func plainRuleScoresByHand(x: Double, severity: Severity?, score: Double) {
        let s = Self.series(Self.fourteen + [x])
        let p = RobustDeviation.points(s, thresholds: Self.plain).last!
        #expect(p.method == .trailingMedian)
        #expect(p.expected == 11)
        #expect(abs(p.score! - score) < 0.0001)
        let flags = RobustDeviation.flags(s, thresholds: Self.plain)
        #expect(flags.map(\.severity) == (severity.map { [$0] } ?? []))
        if let f = flags.first {
            #expect(f.rule == "robust_deviation")
            #expect(f.observed == fixedDecimals(x, 2) && f.expected == "11.00" && f.score == fixedDecimals(score, 2))
            #expect(f.dimensionsText == "market=DE;platform=amazon")
            #expect(f.date == Self.start.advanced(by: 14))
        }
    }

    @Test func needsFourteenDaysWithDataNotFourteenCalendarDays() {
        // 13 days of history and a huge day 14: not scored.
        let thirteen = Self.series(Array(Self.fourteen.prefix(13)) + [100])
        #expect(RobustDeviation.points(thirteen, thresholds: Self.plain).last!.score == nil)
        #expect(RobustDeviation.flags(thirteen, thresholds: Self.plain).isEmpty)
        // 20 calendar days of which 7 have no data: 13 days with data, still not scored.
        let gappy = Self.series(Array(Self.fourteen.prefix(13)) + Array(repeating: nil, count: 7) + [100])
        let last = RobustDeviation.points(gappy, thresholds: Self.plain).last!
        #expect(last.historyDays == 13 && last.score == nil)
        // One more day with data: scored.
        #expect(RobustDeviation.flags(Self.series(Self.fourteen + [100]), thresholds: Self.plain).count == 1)
    }

    @Test func aZeroScaleRaisesNoFlag() {
        // 14 × 10: median 10, MAD 0 → no score, however far day 15 is.
        let s = Self.series(Array(repeating: 10, count: 14) + [50])
        #expect(RobustDeviation.points(s, thresholds: Self.plain).last!.score == nil)
        #expect(RobustDeviation.flags(s).isEmpty)
        #expect(RobustDeviation.flags(s, thresholds: Self.plain).isEmpty)
    }

    /// 10 weeks: weekdays 100, Saturday and Sunday 60 (−40 %), each day × (1 ± up to 3 %) deterministic noise.
    static func weekly(_ edit: (Int, inout Double) -> Void = { _, _ in }) -> DailySeries {
        series((0..<70).map { i in
            let base = i % 7 >= 5 ? 60.0 : 100.0
            var x = base * (1 + 0.03 * Double((i * 7919) % 11 - 5) / 5)
            edit(i, &x)
            return x
        })
    }

    @Test func anOrdinaryWeekendIsNotFlagged() {
        let s = Self.weekly()
        #expect(RobustDeviation.flags(s).isEmpty)
        // The plain metrics.md rule, by contrast, flags the weekends: median ≈ 100, MAD ≈ weekday noise.
        let plain = RobustDeviation.flags(s, thresholds: Self.plain)
        #expect(!plain.isEmpty)
        #expect(plain.allSatisfy { [6, 7].contains($0.date.isoWeekday) })
    }

    @Test func aWeekdayLevelOnASaturdayIsFlagged() {
        // Day 61 is a Saturday (61 % 7 = 5): 100 instead of about 60.
        let s = Self.weekly { i, x in if i == 61 { x = 100 } }
        let flags = RobustDeviation.flags(s)
        #expect(flags.count == 1)
        #expect(flags.first?.date == Self.start.advanced(by: 61))
        #expect(flags.first?.severity == .critical)
        #expect(flags.first?.explanation.contains("for a Saturday") == true)
    }

    @Test func aPromotionDayIsNotFlaggedAndStaysOutOfBaselines() {
        let day = Self.start.advanced(by: 60)
        let s = Self.weekly { i, x in if i == 60 { x *= 3 } }
        let de = Promotion(name: "Frühlingsfest", dates: day...day, markets: ["DE"])
        #expect(RobustDeviation.flags(s, promotions: [de]).isEmpty)
        #expect(RobustDeviation.points(s, promotions: [de]).first { $0.date == day }!.isPromotion)
        // The same promotion in France only does not excuse the German series.
        let fr = Promotion(name: "Fête", dates: day...day, markets: ["FR"])
        #expect(RobustDeviation.flags(s, promotions: [fr]).map(\.date) == [day])
    }

    @Test func aFlagNearAPromotionSaysSo() {
        let promo = Self.start.advanced(by: 56)...Self.start.advanced(by: 57)
        // a spike 2 days after the promotion's last day
        let s = Self.weekly { i, x in if i == 59 { x *= 2 } }
        let f = RobustDeviation.flags(s, promotions: [Promotion(name: "Prime Day", dates: promo, markets: ["DE"])])
        #expect(f.count == 1)
        #expect(f.first?.explanation.contains("2 days after the promotion Prime Day (2026-03-02 to 2026-03-03)") == true)
    }

    @Test func consecutiveFlaggedDaysFormOneEpisodeWithTheirPeak() {
        // Days 57–59 (Tue–Thu): × 1.5, × 2.5, × 1.3 → one flag 57–59 carrying day 58's figures.
        let s = Self.weekly { i, x in x *= [57: 1.5, 58: 2.5, 59: 1.3][i] ?? 1 }
        let flags = RobustDeviation.flags(s)
        #expect(flags.count == 1)
        let f = flags[0]
        #expect(f.date == Self.start.advanced(by: 57) && f.endDate == Self.start.advanced(by: 59))
        #expect(f.severity == .critical)
        #expect(f.explanation.contains("on 2026-03-04") && f.explanation.contains("flagged 2026-03-03 to 2026-03-05"))
    }

    @Test func aLevelShiftIsFlaggedAtItsOnset() {
        // From day 49 (a Monday) everything × 0.5.
        let s = Self.weekly { i, x in if i >= 49 { x *= 0.5 } }
        let flags = RobustDeviation.flags(s)
        #expect(flags.first?.date == Self.start.advanced(by: 49))
        #expect(flags.first?.severity == .critical)
    }

    @Test func onlyDaysInTheReportPeriodRaiseFlags() {
        let s = Self.weekly { i, x in if i == 40 || i == 60 { x *= 3 } }
        let period = Self.start.advanced(by: 50)...Self.start.advanced(by: 69)
        #expect(RobustDeviation.flags(s).count == 2)
        #expect(RobustDeviation.flags(s, dates: period).map(\.date) == [Self.start.advanced(by: 60)])
    }
}
