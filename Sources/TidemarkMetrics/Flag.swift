import TidemarkCommerce

/// How urgently a flag needs a person.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    case info, warning, critical
    var rank: Int { self == .info ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// An anomaly or data-quality flag (metrics.md §8): an episode of consecutive days on which one rule fired for
/// one series.
public struct Flag: Hashable, Sendable {
    public var date: CivilDate
    public var endDate: CivilDate
    public var severity: Severity
    /// Rule id, e.g. `fx_missing`, `cost_missing`, `market_unknown`.
    public var rule: String
    /// The metric concerned, e.g. `net_revenue`.
    public var metric: String
    /// Dimension values, written `key=value` joined by `;`, sorted by key.
    public var dimensions: [String: String]
    /// Observed value as text (empty if none).
    public var observed: String
    /// Expected value as text (empty if none).
    public var expected: String
    public var score: String
    /// One line a person understands.
    public var explanation: String

    public init(
        date: CivilDate, endDate: CivilDate, severity: Severity, rule: String, metric: String,
        dimensions: [String: String], observed: String = "", expected: String = "", score: String = "", explanation: String
    ) {
        self.date = date
        self.endDate = endDate
        self.severity = severity
        self.rule = rule
        self.metric = metric
        self.dimensions = dimensions
        self.observed = observed
        self.expected = expected
        self.score = score
        self.explanation = explanation
    }

    /// `market=DE;platform=amazon`.
    public var dimensionsText: String { dimensions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";") }
}

extension Flag: Comparable {
    /// Most severe first, then by date, rule and dimensions.
    public static func < (a: Flag, b: Flag) -> Bool { precedes(a, b, a.dimensionsText, b.dimensionsText) }

    /// `<` with the dimensions texts given (evaluated only when severity, date and rule tie).
    private static func precedes(_ a: Flag, _ b: Flag, _ aText: @autoclosure () -> String, _ bText: @autoclosure () -> String) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.date != b.date { return a.date < b.date }
        if a.rule != b.rule { return a.rule < b.rule }
        return aText() < bText()
    }

    /// `flags.sorted()`, with each flag's dimensions text built once instead of at every comparison (tens of
    /// thousands of flags at scale): every comparison has the same outcome, so the order is the same.
    public static func sorted(_ flags: [Flag]) -> [Flag] {
        flags.map { ($0, $0.dimensionsText) }.sorted { precedes($0.0, $1.0, $0.1, $1.1) }.map(\.0)
    }
}

/// Merges flags of one rule, metric and series (dimensions) on consecutive or overlapping days into one episode
/// (first and last date). Flags of different severity stay apart; so do different metrics of one series (an
/// orders flag and a net-revenue flag of the same market and day are two flags).
public func mergeEpisodes(_ flags: [Flag]) -> [Flag] {
    // Each flag's dimensions text is built once, not in every comparison.
    let sorted = flags.map { ($0, $0.dimensionsText) }.sorted { a, b in
        // (rule, metric, dimensions text, date), field by field.
        if a.0.rule != b.0.rule { return a.0.rule < b.0.rule }
        if a.0.metric != b.0.metric { return a.0.metric < b.0.metric }
        if a.1 != b.1 { return a.1 < b.1 }
        return a.0.date < b.0.date
    }
    var out: [Flag] = []
    for (f, _) in sorted {
        if var last = out.last, last.rule == f.rule, last.metric == f.metric, last.dimensions == f.dimensions,
            last.severity == f.severity, last.endDate.advanced(by: 1) >= f.date
        {
            last.endDate = max(last.endDate, f.endDate)
            out[out.count - 1] = last
        } else {
            out.append(f)
        }
    }
    return out
}
