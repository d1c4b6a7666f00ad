import Testing
import TidemarkCommerce

@testable import TidemarkMetrics

@Suite("Flag and mergeEpisodes")
struct FlagTests {
    static func day(_ d: Int) -> CivilDate { CivilDate(year: 2026, month: 3, day: d)! }

    static func flag(
        _ from: Int, _ to: Int? = nil, rule: String = "fx_missing", currency: String = "USD", severity: Severity = .critical
    ) -> Flag {
        Flag(
            date: day(from), endDate: day(to ?? from), severity: severity, rule: rule, metric: "fx_rate",
            dimensions: ["currency": currency], explanation: "x")
    }

    static func spans(_ flags: [Flag]) -> [String] {
        flags.map { "\($0.rule) \($0.dimensionsText) \($0.date.components.day)-\($0.endDate.components.day)" }
    }

    /// Sorting with each flag's dimensions text built once gives the order of `sorted()`, also among flags that tie on
    /// severity, date and rule.
    @Test func sortedWithTextsBuiltOnceEqualsSorted() {
        var flags: [Flag] = []
        for d in [3, 1, 2, 1] {
            for severity in [Severity.warning, .critical, .info] {
                for (rule, currency) in [("fx_missing", "USD"), ("fx_missing", "GBP"), ("cost_missing", "USD"), ("fx_missing", "AUD")] {
                    var f = Self.flag(d, rule: rule, currency: currency, severity: severity)
                    f.dimensions["market"] = d == 2 ? "DE" : "FR"
                    flags.append(f)
                }
            }
        }
        let expected = flags.sorted()
        #expect(Flag.sorted(flags) == expected)
        #expect(Flag.sorted(flags.reversed()) == flags.reversed().sorted())
        #expect(Self.spans(Array(expected.prefix(3))) == ["cost_missing currency=USD;market=FR 1-1", "cost_missing currency=USD;market=FR 1-1", "fx_missing currency=AUD;market=FR 1-1"])
    }

    @Test func consecutiveDaysMergeIntoOneEpisode() {
        // Days 2, 3, 4 → one episode 2–4, given in any order.
        let merged = mergeEpisodes([Self.flag(4), Self.flag(2), Self.flag(3)])
        #expect(Self.spans(merged) == ["fx_missing currency=USD 2-4"])
    }

    @Test func aGapKeepsEpisodesApart() {
        // Days 2, 3 and 5: day 4 missing → 2–3 and 5–5.
        let merged = mergeEpisodes([Self.flag(2), Self.flag(3), Self.flag(5)])
        #expect(Self.spans(merged) == ["fx_missing currency=USD 2-3", "fx_missing currency=USD 5-5"])
    }

    @Test func episodesThatTouchOrOverlapMerge() {
        // 1–10 and 11–12 touch; 5–6 lies inside: one episode 1–12.
        let merged = mergeEpisodes([Self.flag(1, 10), Self.flag(11, 12), Self.flag(5, 6)])
        #expect(Self.spans(merged) == ["fx_missing currency=USD 1-12"])
    }

    @Test func differentMetricsOfOneSeriesStayApart() {
        // An orders flag on day 2 and a net-revenue flag on day 3, same rule and dimensions: two flags, not one
        // episode 2–3 named after whichever metric sorted first.
        var orders = Self.flag(2, rule: "robust_deviation", severity: .warning)
        orders.metric = "orders"
        var revenue = Self.flag(3, rule: "robust_deviation", severity: .warning)
        revenue.metric = "net_revenue"
        let merged = mergeEpisodes([orders, revenue])
        #expect(merged.count == 2)
        #expect(Set(merged.map(\.metric)) == ["orders", "net_revenue"])
    }

    @Test func differentSeriesOrRulesStayApart() {
        let merged = mergeEpisodes([
            Self.flag(2), Self.flag(3, currency: "GBP"), Self.flag(3), Self.flag(4, rule: "cost_missing"),
        ])
        #expect(
            Self.spans(merged) == [
                "cost_missing currency=USD 4-4", "fx_missing currency=GBP 3-3", "fx_missing currency=USD 2-3",
            ])
    }

    @Test func dimensionsAreWrittenSortedByKey() {
        let f = Flag(
            date: Self.day(1), endDate: Self.day(1), severity: .warning, rule: "cost_missing", metric: "cogs",
            dimensions: ["sku": "A", "market": "DE", "platform": "amazon"], explanation: "x")
        #expect(f.dimensionsText == "market=DE;platform=amazon;sku=A")
    }

    @Test func flagsSortMostSevereFirstThenByDateAndRule() {
        let flags = [
            Self.flag(5, rule: "b", severity: .info), Self.flag(9, rule: "a", severity: .critical),
            Self.flag(1, rule: "z", severity: .warning), Self.flag(2, rule: "a", severity: .critical),
            Self.flag(2, rule: "0", severity: .critical),
        ].sorted()
        #expect(flags.map { "\($0.severity.rawValue) \($0.date.components.day) \($0.rule)" } == [
            "critical 2 0", "critical 2 a", "critical 9 a", "warning 1 z", "info 5 b",
        ])
    }
}
