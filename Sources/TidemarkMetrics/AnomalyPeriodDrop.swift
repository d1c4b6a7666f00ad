import TidemarkCommerce

/// The period-drop flag (metrics.md §8), the rule sellers run by hand: a market's orders, sessions or inquiries
/// falling 20 % or more within a week.
///
/// For an evaluation day E: recent = Σ of the 7 days E−6…E, earlier = Σ of the 7 days E−13…E−7 (days without data
/// count as 0 here: a week's total is what the seller compares). fall = (earlier − recent) / earlier. A fall of
/// 20 % or more is a warning, 40 % or more critical, and only when the earlier week had at least 20 events (below
/// that, a few orders more or less swing the percentage). The flag is dated E; evaluated every day of a report
/// period, consecutive days of one drop form one episode carrying its deepest day.
public enum PeriodDrop {
    /// Rule id written in `flags.csv`.
    public static let rule = "period_drop"

    /// The severity of `fall` (a fraction) given the earlier week's total, or `nil` when no flag.
    public static func severity(fall: Double, earlier: Double, thresholds: FlagThresholds = .defaults) -> Severity? {
        guard earlier >= thresholds.dropMinimumEarlierEvents else { return nil }
        return fall >= thresholds.dropCritical ? .critical : fall >= thresholds.dropWarning ? .warning : nil
    }

    /// The flag for the week ending on `day`, or `nil`.
    public static func flag(_ series: DailySeries, endingOn day: CivilDate, thresholds: FlagThresholds = .defaults) -> Flag? {
        let n = thresholds.periodDays
        func total(_ from: Int, _ to: Int) -> Double { (from...to).reduce(0) { $0 + (series.values[day.advanced(by: -$1)] ?? 0) } }
        let recent = total(0, n - 1)
        let earlier = total(n, 2 * n - 1)
        guard earlier > 0 else { return nil }
        let fall = (earlier - recent) / earlier
        guard let severity = severity(fall: fall, earlier: earlier, thresholds: thresholds) else { return nil }
        let recentStart = day.advanced(by: -(n - 1)), earlierStart = day.advanced(by: -(2 * n - 1))
        let dims = series.dimensions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
        return Flag(
            date: day, endDate: day, severity: severity, rule: rule, metric: series.metric, dimensions: series.dimensions,
            observed: fixedDecimals(recent, series.decimals), expected: fixedDecimals(earlier, series.decimals),
            score: fixedDecimals(-fall, 4),
            explanation:
                "\(series.metric) (\(dims)) fell \(fixedDecimals(fall * 100, 1)) % week on week: \(fixedDecimals(recent, series.decimals)) in \(recentStart) to \(day) against \(fixedDecimals(earlier, series.decimals)) in \(earlierStart) to \(day.advanced(by: -n))"
        )
    }

    /// The flags for every evaluation day in `days`, merged into episodes.
    public static func flags(_ series: DailySeries, days: ClosedRange<CivilDate>, thresholds: FlagThresholds = .defaults) -> [Flag] {
        let dayFlags = stride(from: days.lowerBound, through: days.upperBound, by: 1).compactMap {
            flag(series, endingOn: $0, thresholds: thresholds)
        }
        return episodes(dayFlags)
    }
}
