import TidemarkCommerce

/// The data-quality flags of metrics.md §8 not raised elsewhere (`fx_missing`, `rejects_above_1pct` and
/// `cost_missing` are).
public enum DataQualityFlags {
    /// `source_missing_day`: a source expected daily delivered no file for a day of `period`. One warning per run
    /// of missing days. `delivered` holds the dates each source delivered a file for; a source absent from it
    /// delivered nothing.
    public static func missingSourceDays(
        expected sources: [String], delivered: [String: Set<CivilDate>], period: ClosedRange<CivilDate>
    ) -> [Flag] {
        var dayFlags: [Flag] = []
        for source in sources {
            let days = delivered[source] ?? []
            for day in stride(from: period.lowerBound, through: period.upperBound, by: 1) where !days.contains(day) {
                dayFlags.append(
                    Flag(
                        date: day, endDate: day, severity: .warning, rule: "source_missing_day", metric: "files",
                        dimensions: ["source": source], observed: "0", expected: "1",
                        explanation: "No \(source) file for \(day): its figures for the day are missing, not zero"))
            }
        }
        return mergeEpisodes(dayFlags).map { f in
            var f = f
            if f.date != f.endDate { f.explanation = "No \(f.dimensions["source"]!) file for \(f.date) to \(f.endDate): its figures for those days are missing, not zero" }
            return f
        }.sorted()
    }

    /// `data_ends_early`: a source's last fact date (`nil`: no facts) lies before the end of the report period;
    /// the flag covers the days without data.
    public static func dataEndsEarly(source: String, lastFactDate: CivilDate?, period: ClosedRange<CivilDate>) -> Flag? {
        let first = max(lastFactDate.map { $0.advanced(by: 1) } ?? period.lowerBound, period.lowerBound)
        guard first <= period.upperBound else { return nil }
        let last = lastFactDate.map { "\($0)" } ?? "none"
        return Flag(
            date: first, endDate: period.upperBound, severity: .warning, rule: "data_ends_early",
            metric: "last_fact_date", dimensions: ["source": source], observed: last, expected: "\(period.upperBound)",
            explanation: "\(source) data ends \(lastFactDate.map { "on \($0)" } ?? "before the period"), before the period's end \(period.upperBound): the last \(first.distance(to: period.upperBound) + 1) days are incomplete")
    }
}
