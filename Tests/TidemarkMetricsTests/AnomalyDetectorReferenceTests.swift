import Testing
import TidemarkTestSupport
import TidemarkCommerce

@testable import TidemarkMetrics

/// The detector's incremental implementation against the straightforward one it replaced (kept here verbatim):
/// every point of every series must be identical, bit for bit.
@Suite("Robust deviation: fast path equals the reference")
struct AnomalyDetectorReferenceTests {
    static func referencePoints(
        _ series: DailySeries, promotions: [Promotion] = [], thresholds: FlagThresholds = .defaults
    ) -> [DeviationPoint] {
        let promoDays = RobustDeviation.promotionDays(promotions, market: series.market)
        let usable = RobustDeviation.UsableDays(series.values, excluding: promoDays)
        let t = thresholds
        var out: [DeviationPoint] = []
        var errors: [CivilDate: Double] = [:]  // (observed − expected) / expected of each day scored by weekday ratio
        for day in series.values.keys.sorted() {
            let x = series.values[day]!
            var point = DeviationPoint(
                date: day, observed: x, expected: nil, score: nil, method: nil, isPromotion: promoDays.contains(day),
                historyDays: 0)
            func history(_ days: Int) -> [(date: CivilDate, weekday: Int, value: Double)] {
                guard days > 0 else { return [] }
                return (1...days).compactMap { k in
                    let past = day.advanced(by: -k)
                    guard let v = usable[past] else { return nil }
                    return (past, past.isoWeekday, v)
                }
            }
            let recent = history(t.baselineDays)
            point.historyDays = recent.count
            guard !point.isPromotion, recent.count >= t.minimumHistoryDays else {
                out.append(point)
                continue
            }
            let lookback = max(t.seasonalLookbackDays, t.baselineDays)
            let byWeekday = Dictionary(grouping: history(lookback), by: \.weekday).mapValues { $0.map(\.value) }
            let ratios = RobustDeviation.weekdayRatios(usable, before: day, lookback: lookback)
            let weekKnown = (1...7).allSatisfy { (ratios[$0]?.count ?? 0) >= t.minimumPointsPerWeekday }
            let medians = weekKnown ? (1...7).map { RobustStatistics.median(ratios[$0]!.map(\.ratio))! } : []
            let scale: Double
            let observedAdjusted: Double
            let baselineAdjusted: Double
            let factor: Double
            if weekKnown, medians.allSatisfy({ $0 > 0 }) {
                let norm = medians.reduce(0, +) / 7
                let factors = medians.map { $0 / norm }
                // A factor learnt without the day itself (leave one out): a factor learnt from the day pulls the day
                // towards the baseline, and with 2 to 4 points per weekday that shrinks the spread so much that
                // ordinary days score 5 or more.
                func factorWithout(_ date: CivilDate, weekday: Int) -> Double {
                    let w = weekday - 1
                    let all = ratios[weekday]!
                    let others = all.filter { $0.date != date }.map(\.ratio)
                    guard others.count < all.count, let m = RobustStatistics.median(others), m > 0 else { return factors[w] }
                    return m / (norm + (m - medians[w]) / 7)
                }
                let adjusted = recent.map { $0.value / factorWithout($0.date, weekday: $0.weekday) }
                // The irregular part of each lookback day: its ratio to the local level over its weekday factor.
                let irregular = (1...7).flatMap { w in ratios[w]!.map { $0.ratio / factorWithout($0.date, weekday: w) } }
                factor = factors[day.isoWeekday - 1]
                baselineAdjusted = RobustStatistics.median(adjusted)!
                // The scale: the spread of the detector's own recent errors (relative to what it expected), when
                // it has scored 14 days of the lookback; otherwise the spread of the irregular part, widened for the
                // error of a median of n days (π/2n) and of a weekday factor from m points (π/2m).
                let pastErrors = (1...lookback).compactMap { errors[day.advanced(by: -$0)] }
                if pastErrors.count >= t.minimumHistoryDays {
                    scale = t.madScale * RobustStatistics.median(pastErrors.map(abs))! * baselineAdjusted
                } else {
                    let n = Double(adjusted.count), m = Double(ratios[day.isoWeekday]!.count)
                    let widen = (1 + Double.pi / (2 * n) + Double.pi / (2 * m)).squareRoot()
                    scale = t.madScale * RobustStatistics.medianAbsoluteDeviation(irregular)! * baselineAdjusted * widen
                }
                observedAdjusted = x / factor
                point.method = .weekdayRatio
            } else if weekKnown {
                let same = byWeekday[day.isoWeekday]!
                factor = 1
                baselineAdjusted = RobustStatistics.median(same)!
                scale = t.madScale * RobustStatistics.medianAbsoluteDeviation(same)!
                observedAdjusted = x
                point.method = .sameWeekday
            } else {
                let values = recent.map(\.value)
                factor = 1
                baselineAdjusted = RobustStatistics.median(values)!
                scale = t.madScale * RobustStatistics.medianAbsoluteDeviation(values)!
                observedAdjusted = x
                point.method = .trailingMedian
            }
            point.expected = baselineAdjusted * factor
            if point.method == .weekdayRatio, let e = point.expected, e > 0 { errors[day] = (x - e) / e }
            if scale > 0 { point.score = (observedAdjusted - baselineAdjusted) / scale }
            out.append(point)
        }
        return out
    }



    static func randomSeries(seed: UInt64) -> (DailySeries, [Promotion]) {
        var rng = SeededRandom(seed: seed)
        let start = CivilDate(iso: "2025-11-01")!
        let days = 30 + Int(rng.next() % 340)
        let gapRate = [0.0, 0.02, 0.1, 0.3][Int(rng.next() % 4)]
        let zeroSundays = rng.next() % 5 == 0
        let counts = rng.next() % 2 == 0
        var values: [CivilDate: Double] = [:]
        var level = 5 + rng.unit() * 200
        for i in 0..<days {
            let d = start.advanced(by: i)
            if rng.unit() < gapRate { continue }
            if i % 60 == 59 { level *= 0.5 + rng.unit() }
            let weekly = [1.0, 1.05, 0.98, 1.1, 1.2, 0.7, 0.6][d.isoWeekday - 1]
            var x = level * weekly * (0.8 + 0.4 * rng.unit())
            if rng.unit() < 0.03 { x *= 3 }
            if zeroSundays && d.isoWeekday == 7 { x = 0 }
            if counts { x = x.rounded() } else { x = (x * 100).rounded() / 100 }
            values[d] = x
        }
        var promotions: [Promotion] = []
        if rng.next() % 3 == 0 {
            let p = start.advanced(by: Int(rng.next() % UInt64(days)))
            promotions.append(Promotion(name: "Promo", dates: p...p.advanced(by: 2), markets: ["DE"]))
        }
        return (DailySeries(metric: "orders", dimensions: ["market": "DE", "platform": "amazon"], values: values, decimals: counts ? 0 : 2), promotions)
    }

    @Test(arguments: 0..<60)
    func pointsEqualTheReference(seed: Int) {
        let (series, promotions) = Self.randomSeries(seed: UInt64(seed) &* 7919 &+ 17)
        for thresholds in [FlagThresholds.defaults, { var t = FlagThresholds.defaults; t.minimumPointsPerWeekday = 1000; return t }()] {
            let fast = RobustDeviation.points(series, promotions: promotions, thresholds: thresholds)
            let slow = Self.referencePoints(series, promotions: promotions, thresholds: thresholds)
            #expect(fast == slow)
            #expect(RobustDeviation.flags(series, points: fast, promotions: promotions, thresholds: thresholds)
                == RobustDeviation.flags(series, promotions: promotions, thresholds: thresholds))
        }
    }
}
