import Foundation
import Testing
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkMetrics

/// The detector on the labelled synthetic series of `fixtures/anomalies/` (tools/make_anomaly_series.py):
/// precision and recall counted per episode.
@Suite("Robust deviation on labelled synthetic series")
struct AnomalyFixtureTests {
    struct Label {
        var series: String
        var days: ClosedRange<CivilDate>
        var kind: String
    }

    /// Rows of a simple comma-separated fixture (no quoting in these files), header dropped.
    static func rows(_ name: String) throws -> [[String]] {
        let text = try String(contentsOfFile: TestPaths.fixture("anomalies/\(name)"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    static func load() throws -> (series: [String: DailySeries], labels: [Label], promotions: [Promotion]) {
        var series: [String: DailySeries] = [:]
        for r in try rows("series_meta.csv") {
            series[r[0]] = DailySeries(metric: r[2], dimensions: ["market": r[1], "series": r[0]], values: [:])
        }
        for r in try rows("series.csv") { series[r[0]]!.values[CivilDate(iso: r[1])!] = Double(r[2])! }
        let labels = try rows("labels.csv").map { Label(series: $0[0], days: CivilDate(iso: $0[1])!...CivilDate(iso: $0[2])!, kind: $0[3]) }
        let promotions = try rows("promotions.csv").map {
            Promotion(
                name: $0[3], dates: CivilDate(iso: $0[1])!...CivilDate(iso: $0[2])!,
                markets: Set($0[0].split(separator: ";").map(String.init)))
        }
        return (series, labels, promotions)
    }

    struct Evaluation {
        var episodes = 0
        var truePositiveEpisodes = 0
        var labels = 0
        var labelsFound = 0
        var misses: [String] = []
        var falseAlarms: [String] = []
        var precision: Double { episodes == 0 ? 1 : Double(truePositiveEpisodes) / Double(episodes) }
        var recall: Double { labels == 0 ? 1 : Double(labelsFound) / Double(labels) }
    }

    static func evaluate(thresholds: FlagThresholds = .defaults) throws -> Evaluation {
        let (series, labels, promotions) = try load()
        var e = Evaluation()
        for id in series.keys.sorted() {
            let flags = RobustDeviation.flags(series[id]!, promotions: promotions, thresholds: thresholds)
            let mine = labels.filter { $0.series == id }
            for f in flags {
                e.episodes += 1
                if mine.contains(where: { $0.days.overlaps(f.date...f.endDate) }) {
                    e.truePositiveEpisodes += 1
                } else {
                    e.falseAlarms.append("\(id) \(f.date)…\(f.endDate) \(f.severity) \(f.explanation)")
                }
            }
            for l in mine {
                e.labels += 1
                if flags.contains(where: { l.days.overlaps($0.date...$0.endDate) }) {
                    e.labelsFound += 1
                } else {
                    e.misses.append("\(id) \(l.kind) \(l.days.lowerBound)…\(l.days.upperBound)")
                }
            }
        }
        return e
    }

    @Test func precisionAndRecallAreAtLeast80PercentPerEpisode() throws {
        let e = try Self.evaluate()
        print(
            "anomaly fixture: \(e.episodes) episodes, \(e.truePositiveEpisodes) on a label; \(e.labels) labels, \(e.labelsFound) found; precision \(fixedDecimals(e.precision, 3)), recall \(fixedDecimals(e.recall, 3))"
        )
        for m in e.misses { print("  missed: \(m)") }
        for f in e.falseAlarms { print("  false alarm: \(f)") }
        #expect(e.precision >= 0.8)
        #expect(e.recall >= 0.8)
    }
}
