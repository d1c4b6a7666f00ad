import TidemarkCommerce

/// How the expected value of a day was computed.
public enum BaselineMethod: String, Hashable, Sendable {
    /// Weekday-adjusted: the trailing median of values divided by their weekday's factor, times the day's factor.
    case weekdayRatio = "weekday_ratio"
    /// The median of the same weekday's values in the seasonal lookback (used when a weekday is normally 0).
    case sameWeekday = "same_weekday"
    /// metrics.md's plain rule: the median of the trailing window (too little history to learn the week).
    case trailingMedian = "trailing_median"
}

/// One day of a series as the robust-deviation detector sees it; the report draws the series and its baseline
/// from these.
public struct DeviationPoint: Hashable, Sendable {
    public var date: CivilDate
    public var observed: Double
    /// The baseline in the series' own units; `nil` when the day is not scored.
    public var expected: Double?
    /// (observed − baseline) / scale; `nil` when the day is not scored (promotion day, under 14 days of history,
    /// zero scale).
    public var score: Double?
    /// How `expected` was computed; `nil` when there is none.
    public var method: BaselineMethod?
    /// Whether the day is a promotion day of the series' market (never scored, never in a baseline).
    public var isPromotion: Bool
    /// Days with data (outside promotions) in the trailing window.
    public var historyDays: Int
}

/// The robust-deviation flag (metrics.md §8), made aware of the week.
///
/// **metrics.md's rule.** For a day with value x: baseline = median of the trailing 28 days (the day excluded),
/// scale = 1.4826 × the median absolute deviation of those days, score = (x − baseline) / scale; |score| ≥ 3.5 is
/// a warning, ≥ 5 critical. Only days with data count: a day is scored once the window holds at least 14 days
/// with data. A zero scale (a flat window) raises no flag. Promotion days of the series' market are left out of
/// every window and are never flagged; a flag within 3 days of a promotion says so.
///
/// **The week.** Applied as it stands, the rule flags every ordinary weekend of a shop whose weekends are 40 %
/// down: the 28-day median is a weekday value and the MAD is the weekday noise. So the values are first divided by
/// a weekday factor (classical ratio-to-moving-average): each day of the trailing 8 weeks is divided by the mean of
/// a 7-day week around it (its local level, so a trend or a level shift in the lookback does not leak into the
/// factors), the factor of a weekday is the median of its ratios, normalised so the seven average 1. Promotion
/// days and days without data are left out. The baseline is metrics.md's median of the 28-day window, taken over
/// the adjusted values and multiplied back by the day's factor to give the expected value in the series' units.
///
/// **The scale.** The spread of the adjusted values understates how far a new day falls from an *estimated*
/// baseline: a weekday factor from 8 points, a median of 28 and the median's lag behind a trend all add error.
/// On the labelled set (fixtures/anomalies) 1.4826 × MAD of the window gave 9 % of ordinary days beyond ±2 and
/// 0.8–1 % beyond ±3.5 (a Gaussian has 4.6 % and 0.05 %), i.e. about half of all flags false. So the scale is the
/// detector's own track record: 1.4826 × the median absolute relative error of its expected values over the
/// 8-week lookback, times the baseline (at least 14 scored days; before that, the MAD of the days' irregular part,
/// widened by √(1 + π/2n + π/2m) for a median of n days and a factor from m points). Scores are then calibrated
/// (root mean square 1.0 on ordinary days) and |score| ≥ 3.5 / 5 mean what metrics.md intends. Each history day
/// is adjusted with a weekday factor learnt without it (leave one out), else a factor learnt from 2–4 points pulls
/// the day onto the baseline.
///
/// Why not the median of the same weekday in the 28-day window: it rests on 4 points and its MAD on the same 4,
/// far too noisy (one odd Tuesday moves it by a third). Weekday ratios learn the week from 8 points per weekday,
/// are multiplicative as e-commerce weeks are (a weekend stays −40 % when the level doubles), and survive a level
/// shift because the ratios are to a local level.
///
/// A level shift is flagged from its onset until the 28-day median has moved to the new level (about 14 days),
/// as one episode; after that the new level is normal.
///
/// Fallbacks, in order: when each weekday has at least 2 ratios in the lookback but some weekday's median ratio is
/// 0 (a shop closed on Sundays) the day is compared with the median and 1.4826 × MAD of its own weekday in the
/// lookback; when some weekday has fewer than 2 (gaps in the first weeks), the plain metrics.md rule applies, and
/// a strongly weekly series may then flag a weekend.
public enum RobustDeviation {
    /// Rule id written in `flags.csv`.
    public static let rule = "robust_deviation"

    /// Scores every day of `series` that has data.
    ///
    /// One pass over the days in date order with reusable buffers: the mean level of every complete week is
    /// computed once per series, the weekday ratios of a day's lookback are read from those levels, and each
    /// leave-one-out weekday factor is taken once from the sorted ratios of its weekday. The arithmetic (and so every
    /// figure) is that of the rule as documented above; only what does not depend on the day is no longer redone.
    public static func points(
        _ series: DailySeries, promotions: [Promotion] = [], thresholds: FlagThresholds = .defaults
    ) -> [DeviationPoint] {
        let promoDays = promotionDays(promotions, market: series.market)
        let usable = UsableDays(series.values, excluding: promoDays)
        let t = thresholds
        let values = usable.values
        let count = values.count
        // The mean of each complete week (7 consecutive days with data outside promotions) by its first day.
        var weekLevel = [Double?](repeating: nil, count: count)
        if count >= 7 {
            for start in 0...(count - 7) {
                var sum: Double = 0
                var complete = true
                for j in 0..<7 {
                    guard let v = values[start + j] else {
                        complete = false
                        break
                    }
                    sum += v
                }
                if complete { weekLevel[start] = sum / 7 }
            }
        }
        let lookback = max(t.seasonalLookbackDays, t.baselineDays)
        let shifts = [3, 2, 4, 1, 5, 0, 6]
        var out: [DeviationPoint] = []
        out.reserveCapacity(series.values.count)
        // (observed − expected) / expected of each day scored by weekday ratio, by dense index.
        var errors = [Double?](repeating: nil, count: count)
        // Reused buffers.
        var recent: [(index: Int, weekday: Int, value: Double)] = []
        var ratios = [[(index: Int, ratio: Double)]](repeating: [], count: 7)
        var sortedRatios = [[Double]](repeating: [], count: 7)
        var without = [[Double]](repeating: [], count: 7)
        var scratch: [Double] = []
        var adjusted: [Double] = []
        var irregular: [Double] = []
        var pastErrors: [Double] = []
        for day in series.values.keys.sorted() {
            let x = series.values[day]!
            let dayIndex = usable.first.distance(to: day)
            var point = DeviationPoint(
                date: day, observed: x, expected: nil, score: nil, method: nil, isPromotion: promoDays.contains(day),
                historyDays: 0)
            recent.removeAll(keepingCapacity: true)
            if t.baselineDays > 0 {
                for k in 1...t.baselineDays {
                    let i = dayIndex - k
                    guard i >= 0, i < count, let v = values[i] else { continue }
                    recent.append((i, day.advanced(by: -k).isoWeekday, v))
                }
            }
            point.historyDays = recent.count
            guard !point.isPromotion, recent.count >= t.minimumHistoryDays else {
                out.append(point)
                continue
            }
            // Weekday ratios of the lookback: each day over the level of the most centred complete week holding it
            // that ends before the day scored (see weekdayRatios).
            for w in 0..<7 { ratios[w].removeAll(keepingCapacity: true) }
            if lookback > 0 {
                for k in 1...lookback {
                    let i = dayIndex - k
                    guard i >= 0, i < count, let v = values[i] else { continue }
                    for shift in shifts {
                        let start = i - shift
                        guard start >= 0, start + 6 < dayIndex, start + 6 < count, let level = weekLevel[start] else { continue }
                        if level > 0 { ratios[day.advanced(by: -k).isoWeekday - 1].append((i, v / level)) }
                        break
                    }
                }
            }
            let weekKnown = (0..<7).allSatisfy { ratios[$0].count >= t.minimumPointsPerWeekday }
            var medians: [Double] = []
            if weekKnown {
                for w in 0..<7 {
                    sortedRatios[w].removeAll(keepingCapacity: true)
                    for r in ratios[w] { sortedRatios[w].append(r.ratio) }
                    sortedRatios[w].sort()
                    medians.append(Self.median(sortedRatios[w], skipping: nil))
                }
            }
            let scale: Double
            let observedAdjusted: Double
            let baselineAdjusted: Double
            let factor: Double
            if weekKnown, medians.allSatisfy({ $0 > 0 }) {
                let norm = medians.reduce(0, +) / 7
                let factors = medians.map { $0 / norm }
                // A factor learnt without the day itself (leave one out): a factor learnt from the day pulls the day
                // towards the baseline, and with 2 to 4 points per weekday that shrinks the spread so much that
                // ordinary days score 5 or more. One per lookback day with a ratio, in the order of `ratios`.
                for w in 0..<7 {
                    without[w].removeAll(keepingCapacity: true)
                    let sorted = sortedRatios[w]
                    for r in ratios[w] {
                        // The others are the sorted ratios less one copy of this ratio (the median depends only on
                        // the values, not on which equal copy is left out).
                        let skip = sorted.firstIndex(of: r.ratio)!
                        if sorted.count > 1 {
                            let m = Self.median(sorted, skipping: skip)
                            without[w].append(m > 0 ? m / (norm + (m - medians[w]) / 7) : factors[w])
                        } else {
                            without[w].append(factors[w])
                        }
                    }
                }
                func factorWithout(_ index: Int, weekday: Int) -> Double {
                    let w = weekday - 1
                    if let j = ratios[w].firstIndex(where: { $0.index == index }) { return without[w][j] }
                    return factors[w]
                }
                adjusted.removeAll(keepingCapacity: true)
                for r in recent { adjusted.append(r.value / factorWithout(r.index, weekday: r.weekday)) }
                // The irregular part of each lookback day: its ratio to the local level over its weekday factor.
                irregular.removeAll(keepingCapacity: true)
                for w in 0..<7 {
                    for (j, r) in ratios[w].enumerated() { irregular.append(r.ratio / without[w][j]) }
                }
                factor = factors[day.isoWeekday - 1]
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: adjusted)
                scratch.sort()
                baselineAdjusted = Self.median(scratch, skipping: nil)
                // The scale: the spread of the detector's own recent errors (relative to what it expected), when
                // it has scored 14 days of the lookback; otherwise the spread of the irregular part, widened for the
                // error of a median of n days (π/2n) and of a weekday factor from m points (π/2m).
                pastErrors.removeAll(keepingCapacity: true)
                if lookback > 0 {
                    for k in 1...lookback {
                        let i = dayIndex - k
                        if i >= 0, i < count, let e = errors[i] { pastErrors.append(abs(e)) }
                    }
                }
                if pastErrors.count >= t.minimumHistoryDays {
                    pastErrors.sort()
                    scale = t.madScale * Self.median(pastErrors, skipping: nil) * baselineAdjusted
                } else {
                    let n = Double(adjusted.count), m = Double(ratios[day.isoWeekday - 1].count)
                    let widen = (1 + Double.pi / (2 * n) + Double.pi / (2 * m)).squareRoot()
                    scale = t.madScale * Self.medianAbsoluteDeviation(&irregular, scratch: &scratch) * baselineAdjusted * widen
                }
                observedAdjusted = x / factor
                point.method = .weekdayRatio
            } else if weekKnown {
                // The same weekday's values in the lookback.
                adjusted.removeAll(keepingCapacity: true)
                let weekday = day.isoWeekday
                for k in stride(from: 1, through: lookback, by: 1) {
                    let i = dayIndex - k
                    guard i >= 0, i < count, let v = values[i], day.advanced(by: -k).isoWeekday == weekday else { continue }
                    adjusted.append(v)
                }
                factor = 1
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: adjusted)
                scratch.sort()
                baselineAdjusted = Self.median(scratch, skipping: nil)
                scale = t.madScale * Self.medianAbsoluteDeviation(&adjusted, scratch: &scratch)
                observedAdjusted = x
                point.method = .sameWeekday
            } else {
                adjusted.removeAll(keepingCapacity: true)
                for r in recent { adjusted.append(r.value) }
                factor = 1
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: adjusted)
                scratch.sort()
                baselineAdjusted = Self.median(scratch, skipping: nil)
                scale = t.madScale * Self.medianAbsoluteDeviation(&adjusted, scratch: &scratch)
                observedAdjusted = x
                point.method = .trailingMedian
            }
            point.expected = baselineAdjusted * factor
            if point.method == .weekdayRatio, let e = point.expected, e > 0 { errors[dayIndex] = (x - e) / e }
            if scale > 0 { point.score = (observedAdjusted - baselineAdjusted) / scale }
            out.append(point)
        }
        return out
    }

    /// The median of ascending `sorted` with the element at `skipping` left out (as ``RobustStatistics/median(_:)``
    /// computes it); the list must hold at least one element besides the skipped one.
    @inline(__always)
    static func median(_ sorted: [Double], skipping: Int?) -> Double {
        let n = skipping == nil ? sorted.count : sorted.count - 1
        func at(_ p: Int) -> Double {
            guard let s = skipping else { return sorted[p] }
            return sorted[p < s ? p : p + 1]
        }
        let mid = n / 2
        return n % 2 == 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2
    }

    /// ``RobustStatistics/medianAbsoluteDeviation(_:)`` of `values` (non-empty), reordering `values` and `scratch`.
    static func medianAbsoluteDeviation(_ values: inout [Double], scratch: inout [Double]) -> Double {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: values)
        scratch.sort()
        let m = median(scratch, skipping: nil)
        for i in values.indices { values[i] = abs(values[i] - m) }
        values.sort()
        return median(values, skipping: nil)
    }

    /// The severity of a score: critical at |score| ≥ 5, warning at ≥ 3.5, else none.
    public static func severity(of score: Double, thresholds: FlagThresholds = .defaults) -> Severity? {
        abs(score) >= thresholds.criticalScore ? .critical : abs(score) >= thresholds.warningScore ? .warning : nil
    }

    /// The robust-deviation flags of `series`, one per episode of consecutive flagged days, carrying the figures
    /// of the episode's peak day. Only days in `dates` (when given) can raise a flag; earlier days still serve as
    /// history.
    public static func flags(
        _ series: DailySeries, promotions: [Promotion] = [], thresholds: FlagThresholds = .defaults,
        dates: ClosedRange<CivilDate>? = nil
    ) -> [Flag] {
        flags(series, points: points(series, promotions: promotions, thresholds: thresholds), promotions: promotions, thresholds: thresholds, dates: dates)
    }

    /// The flags of `series` from its ``points(_:promotions:thresholds:)`` computed with the same promotions and
    /// thresholds (for callers that keep the points too).
    public static func flags(
        _ series: DailySeries, points: [DeviationPoint], promotions: [Promotion] = [], thresholds: FlagThresholds = .defaults,
        dates: ClosedRange<CivilDate>? = nil
    ) -> [Flag] {
        let relevant = promotions.filter { $0.applies(toMarket: series.market) }
        var dayFlags: [Flag] = []
        for p in points {
            guard dates?.contains(p.date) ?? true, let score = p.score, let expected = p.expected,
                let severity = severity(of: score, thresholds: thresholds)
            else { continue }
            var text =
                "\(series.metric) was \(fixedDecimals(p.observed, series.decimals)) on \(p.date) (\(weekdayName(p.date)))"
            if expected != 0 {
                let change = (p.observed - expected) / abs(expected)
                text += ", \(fixedDecimals(abs(change) * 100, 0)) % \(change >= 0 ? "above" : "below") the expected "
            } else {
                text += " against an expected "
            }
            text += fixedDecimals(expected, series.decimals)
            text += p.method == .weekdayRatio || p.method == .sameWeekday ? " for a \(weekdayName(p.date))" : ""
            text += " (robust score \(fixedDecimals(score, 2)))"
            if let note = promotionNote(p.date, relevant, within: thresholds.promotionProximityDays) { text += "; \(note)" }
            dayFlags.append(
                Flag(
                    date: p.date, endDate: p.date, severity: severity, rule: rule, metric: series.metric,
                    dimensions: series.dimensions, observed: fixedDecimals(p.observed, series.decimals),
                    expected: fixedDecimals(expected, series.decimals), score: fixedDecimals(score, 2), explanation: text))
        }
        return episodes(dayFlags)
    }

    /// The ratio of each day in the `lookback` days before `day` to its local level, by weekday: the level is the
    /// mean of 7 consecutive days holding the day (every weekday once, so the week averages out), the most centred
    /// such week that lies wholly before `day` and has data and no promotion on every day. Ratios to a local level,
    /// unlike raw values, are not disturbed by a trend or a level shift in the lookback.
    static func weekdayRatios(
        _ days: UsableDays, before day: CivilDate, lookback: Int
    ) -> [Int: [(date: CivilDate, ratio: Double)]] {
        func usable(_ d: CivilDate) -> Double? { d < day ? days[d] : nil }
        var out: [Int: [(date: CivilDate, ratio: Double)]] = [:]
        guard lookback > 0 else { return out }
        for k in 1...lookback {
            let date = day.advanced(by: -k)
            guard let x = usable(date) else { continue }
            for shift in [3, 2, 4, 1, 5, 0, 6] {
                let week = (0..<7).compactMap { usable(date.advanced(by: $0 - shift)) }
                guard week.count == 7 else { continue }
                let level = week.reduce(0, +) / 7
                if level > 0 { out[date.isoWeekday, default: []].append((date, x / level)) }
                break
            }
        }
        return out
    }

    /// A series' values in a dense array, promotion days removed: the detector looks days up thousands of times.
    struct UsableDays {
        let first: CivilDate
        let values: [Double?]

        init(_ values: [CivilDate: Double], excluding promotionDays: Set<CivilDate>) {
            let start = values.keys.min() ?? CivilDate(daysSinceEpoch: 0)
            var dense = [Double?](repeating: nil, count: (values.keys.max().map { start.distance(to: $0) } ?? -1) + 1)
            for (d, v) in values where !promotionDays.contains(d) { dense[start.distance(to: d)] = v }
            first = start
            self.values = dense
        }

        /// The value of a day with data outside promotions.
        subscript(_ date: CivilDate) -> Double? {
            let i = first.distance(to: date)
            return i >= 0 && i < values.count ? values[i] : nil
        }
    }

    static func promotionDays(_ promotions: [Promotion], market: String?) -> Set<CivilDate> {
        var days: Set<CivilDate> = []
        for p in promotions where p.applies(toMarket: market) {
            for d in stride(from: p.dates.lowerBound, through: p.dates.upperBound, by: 1) { days.insert(d) }
        }
        return days
    }

    /// "2 days after the promotion Prime Day (2026-07-08 to 2026-07-09)" for the nearest promotion within `days`.
    static func promotionNote(_ date: CivilDate, _ promotions: [Promotion], within days: Int) -> String? {
        guard
            let p = promotions.filter({ $0.distance(from: date) <= days }).min(by: {
                ($0.distance(from: date), $0.dates.lowerBound) < ($1.distance(from: date), $1.dates.lowerBound)
            })
        else { return nil }
        let n = p.distance(from: date)
        let span = p.dates.lowerBound == p.dates.upperBound ? "\(p.dates.lowerBound)" : "\(p.dates.lowerBound) to \(p.dates.upperBound)"
        let when = date < p.dates.lowerBound ? "before" : "after"
        return "\(n) day\(n == 1 ? "" : "s") \(when) the promotion \(p.name) (\(span)): may be its run-up or after-effect"
    }

    static func weekdayName(_ date: CivilDate) -> String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][date.isoWeekday - 1]
    }
}
