import TidemarkCommerce

/// One daily statistic of one series, e.g. orders for `market=DE;platform=amazon`.
///
/// Values are statistics (counts, rates, amounts already converted to the reporting currency) held as `Double`:
/// the detector ranks and scales them, it never adds money. A date absent from `values` is a day without data,
/// which is not the same as a day with the value 0.
public struct DailySeries: Hashable, Sendable {
    /// The metric, e.g. `orders`, `net_revenue`, `conversion_rate`.
    public var metric: String
    /// Dimension values, e.g. `["market": "DE", "platform": "amazon"]`.
    public var dimensions: [String: String]
    /// The value of each day with data.
    public var values: [CivilDate: Double]
    /// Decimals used when observed and expected values are written into a flag (2 for counts and amounts,
    /// 4 for rates).
    public var decimals: Int

    /// A series; `decimals` defaults to 2.
    public init(metric: String, dimensions: [String: String], values: [CivilDate: Double], decimals: Int = 2) {
        self.metric = metric
        self.dimensions = dimensions
        self.values = values
        self.decimals = decimals
    }

    /// The series' market (`dimensions["market"]`), if it has one.
    public var market: String? { dimensions["market"] }
}

/// A planned promotion from the pipeline's promotions calendar: a date range, the markets it runs in and a name.
public struct Promotion: Hashable, Sendable {
    /// The promotion's name, e.g. `Prime Day`.
    public var name: String
    /// First and last day, inclusive.
    public var dates: ClosedRange<CivilDate>
    /// Market codes the promotion runs in; empty means every market.
    public var markets: Set<String>

    /// A promotion; `markets` empty means every market.
    public init(name: String, dates: ClosedRange<CivilDate>, markets: Set<String> = []) {
        self.name = name
        self.dates = dates
        self.markets = markets
    }

    /// Whether the promotion concerns a series of `market`: it runs everywhere, the series spans all markets
    /// (no market dimension, so it contains the promoted market's sales), or the market is listed.
    public func applies(toMarket market: String?) -> Bool {
        guard let market, !markets.isEmpty else { return true }
        return markets.contains(market)
    }

    /// Days between `date` and the nearest day of the promotion (0 inside it).
    public func distance(from date: CivilDate) -> Int {
        if dates.contains(date) { return 0 }
        return date < dates.lowerBound ? date.distance(to: dates.lowerBound) : dates.upperBound.distance(to: date)
    }
}

/// Robust statistics used by the flags.
public enum RobustStatistics {
    /// The median: the middle value, or the mean of the two middle values; `nil` for no values.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        let mid = s.count / 2
        return s.count % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2
    }

    /// The median absolute deviation from the median (unscaled); `nil` for no values.
    public static func medianAbsoluteDeviation(_ values: [Double]) -> Double? {
        guard let m = median(values) else { return nil }
        return median(values.map { abs($0 - m) })
    }
}

/// Writes `value` with a fixed number of decimals, half away from zero (`12.50`, `-0.0125`).
func fixedDecimals(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return "" }
    var p = 1.0
    for _ in 0..<decimals { p *= 10 }
    let scaled = (abs(value) * p).rounded(.toNearestOrAwayFromZero)
    let whole = Int64(scaled)
    let negative = value < 0 && whole != 0
    var digits = String(whole)
    if decimals > 0 {
        if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
        digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
    }
    return (negative ? "-" : "") + digits
}

/// Merges day flags into episodes with ``mergeEpisodes(_:)`` and keeps, for each episode, the figures of its
/// most severe day (largest |score| among equals), so the flag shows the peak.
///
/// `mergeEpisodes` keeps apart days whose severity differs; metrics.md wants one flag per rule and series, so this
/// merges with the severity set aside, then restores the peak day's severity and figures.
func episodes(_ dayFlags: [Flag]) -> [Flag] {
    var out: [Flag] = []
    let byMetric = Dictionary(grouping: dayFlags, by: \.metric)
    for metric in byMetric.keys.sorted() {
        let days = byMetric[metric]!
        let spans = mergeEpisodes(days.map { var f = $0; f.severity = .info; return f })
        for span in spans {
            let inside = days.filter {
                $0.rule == span.rule && $0.dimensions == span.dimensions && $0.date >= span.date && $0.endDate <= span.endDate
            }
            let peak = inside.max { a, b in
                if a.severity != b.severity { return a.severity < b.severity }
                let sa = abs(Double(a.score) ?? 0), sb = abs(Double(b.score) ?? 0)
                if sa != sb { return sa < sb }
                return a.date > b.date  // the earlier day wins a tie
            }!
            var f = peak
            f.date = span.date
            f.endDate = span.endDate
            if span.date != span.endDate { f.explanation += "; flagged \(span.date) to \(span.endDate)" }
            out.append(f)
        }
    }
    return out.sorted()
}
