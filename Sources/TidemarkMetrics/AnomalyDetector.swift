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
    public static func points(
        _ series: DailySeries, promotions: [Promotion] = [], thresholds: FlagThresholds = .defaults
    ) -> [DeviationPoint] {
        let promoDays = promotionDays(promotions, market: series.market)
        let usable = UsableDays(series.values, excluding: promoDays)
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
            let ratios = weekdayRatios(usable, before: day, lookback: lookback)
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
        let relevant = promotions.filter { $0.applies(toMarket: series.market) }
        var dayFlags: [Flag] = []
        for p in points(series, promotions: promotions, thresholds: thresholds) {
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
