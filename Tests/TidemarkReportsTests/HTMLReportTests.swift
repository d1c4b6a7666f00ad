import Foundation
import Testing
import TidemarkCommerce
import TidemarkIngest
import TidemarkTestSupport

@testable import TidemarkMetrics
@testable import TidemarkReports

private typealias D = ReportsTestData

@Suite("HTMLReport")
struct HTMLReportTests {
    /// January, two markets, all costs known.
    ///  DE: gross 49.99, discounts 2.50 → net 47.49; COGS 14.80 → margin 32.69; 2 orders.
    ///  US: gross 56.00, discounts 3.20 → net 52.80; COGS 8.80 → margin 44.00; 2 orders.
    static let january: [SalesMarginRow] = [
        D.row("2026-01", D.de, nil, orders: 2, units: 4, gross: cents(49_99), discounts: cents(2_50), cogs: cents(14_80), tax: cents(9_50)),
        D.row("2026-01", D.us, nil, orders: 2, units: 3, gross: cents(56_00), discounts: cents(3_20), cogs: cents(8_80), tax: cents(1_60)),
    ]

    static let flags = [
        D.flag("fx_missing", .critical, from: "2026-02-20", dimensions: ["currency": "USD"], explanation: "No USD rate for 2026-02-20 or the 7 days before"),
        D.flag("cost_missing", .warning, from: "2026-02-01", to: "2026-02-28", dimensions: ["market": "DE", "platform": "amazon", "sku": "C"], explanation: "No unit cost for SKU C in DE in 2026-02"),
    ]

    static let files = [
        D.file("fixtures/amazon/orders-2026-01.txt", sha256: "1111", read: 12, loaded: 9, rejected: 2, skipped: ["totals row": 1], superseded: 1, preamble: 2),
        D.file("fixtures/fx/eurofxref.csv", format: "fx_ecb", sha256: "2222", read: 40, loaded: 40),
    ]

    static func model(
        summary: [SalesMarginRow], flags: [Flag] = HTMLReportTests.flags, files: [FileReconciliation] = HTMLReportTests.files,
        pipeline: String = "demo-store", rejectCount: Int = 2
    ) -> ReportModel {
        ReportModel(
            pipeline: pipeline, currency: .EUR, timeZone: "Europe/Berlin", generatedAt: "2026-03-01T08:00:00Z",
            sales: SalesMarginTables(detail: [], summary: summary, flags: flags, linesWithoutRate: 1), files: files,
            rejectCount: rejectCount, ratesUsed: 3)
    }

    static func tile(_ label: String, _ value: String) -> String {
        "<div class=\"label\">\(label)</div><div class=\"value\">\(value)</div>"
    }

    // MARK: Tiles

    @Test func tilesShowTheLatestMonthsTotals() {
        let html = HTMLReport.render(Self.model(summary: Self.january))
        // One month only, so nothing to compare with. Net revenue 47.49 + 52.80 = 100.29; orders 2 + 2 = 4.
        #expect(html.contains(Self.tile("Net revenue 2026-01", "100.29") + "<div class=\"note\">EUR</div>"))
        #expect(html.contains(Self.tile("Orders 2026-01", "4")))
        // Margin 32.69 + 44.00 = 76.69; 76.69 / 100.29 = 0.76468… → 76.5 %.
        #expect(html.contains(Self.tile("Gross margin 2026-01", "76.69") + "<div class=\"note\">76.5 % of net revenue</div>"))
        // AOV (49.99 + 56.00) / 4 = 26.4975 → 26.50.
        #expect(html.contains(Self.tile("Average order value", "26.50")))
        // 2 flags, one critical: red. 2 rejected rows: amber.
        #expect(html.contains("<div class=\"tile red\">" + Self.tile("Flags", "2") + "<div class=\"note\">1 critical</div>"))
        #expect(html.contains("<div class=\"tile amber\">" + Self.tile("Rows rejected", "2")))
    }

    @Test func tilesCompareWithThePreviousMonthAndShowMissingCosts() {
        let feb = D.row("2026-02", D.de, nil, orders: 2, units: 2, gross: cents(21_00), cogs: nil)
        let html = HTMLReport.render(Self.model(summary: Self.january + [feb], flags: [], rejectCount: 0))
        // February against January: net 21.00 vs 100.29 → (21.00 − 100.29) / 100.29 = −0.79061 → −79.1 %, a fall
        // of more than 10 %: red. Orders 2 vs 4 → −50.0 %: red.
        #expect(html.contains("<div class=\"tile red\">" + Self.tile("Net revenue 2026-02", "21.00") + "<div class=\"note\">−79.1 % vs 2026-01</div>"))
        #expect(html.contains("<div class=\"tile red\">" + Self.tile("Orders 2026-02", "2") + "<div class=\"note\">−50.0 % vs 2026-01</div>"))
        #expect(html.contains("<div class=\"tile amber\">" + Self.tile("Gross margin 2026-02", "—") + "<div class=\"note\">costs missing for some lines</div>"))
        // No flags and no rejects: green.
        #expect(html.contains("<div class=\"tile green\">" + Self.tile("Flags", "0") + "<div class=\"note\">0 critical</div>"))
        #expect(html.contains("<div class=\"tile green\">" + Self.tile("Rows rejected", "0")))
        #expect(html.contains("No flags were raised."))
    }

    @Test func theAOVTileAgreesWithTheSummaryTable() {
        // One row: gross 20.009999 over 2 orders, AOV exactly 10.0049995 → 10.00 when rounded once.
        let row = D.row("2026-01", D.de, nil, orders: 2, units: 2, gross: Money(micros: 20_009_999), cogs: nil)
        let html = HTMLReport.render(Self.model(summary: [row]))
        #expect(html.contains(Self.tile("Average order value", "10.00")))
        // The table's AOV cell, followed by the (unknown) return rate.
        #expect(html.contains("<td class=\"num\">10.00</td><td class=\"num\" data-sort=\"\">—</td></tr>"))  // AOV, then returns
    }

    @Test(arguments: [
        ("1234567.50", "1,234,567.50"),
        ("-1234.00", "−1,234.00"),
        ("999.99", "999.99"),
        ("1000", "1,000"),
        ("-5", "−5"),
        ("0.00", "0.00"),
    ])
    func amountsAreGroupedByThousands(plain: String, shown: String) {
        #expect(HTMLReport.grouped(plain) == shown)
    }

    // MARK: Funnel and cohort charts

    @Test func theFunnelHasAChartPerMarketAndPlatformWithTraffic() {
        var m = Self.model(summary: Self.january)
        let day = CivilDate(iso: "2026-01-05")!
        m.funnel = [
            // DE amazon: ad impressions and clicks, orders; sessions unknown.
            FunnelRow(date: day, market: D.de, platform: .amazon, impressions: 5_000, clicks: 60, sessions: nil, inquiries: nil, orders: 3, repeatOrders: nil),
            FunnelRow(date: day.advanced(by: 1), market: D.de, platform: .amazon, impressions: 5_000, clicks: 40, sessions: nil, inquiries: nil, orders: 1, repeatOrders: nil),
            // US shopify: orders only.
            FunnelRow(date: day, market: D.us, platform: Platform("shopify"), impressions: nil, clicks: nil, sessions: nil, inquiries: nil, orders: 2, repeatOrders: 1),
        ]
        let html = HTMLReport.render(m)
        #expect(html.components(separatedBy: "class=\"chart funnel\"").count == 2)  // one chart: DE · amazon
        #expect(html.contains("<title>Funnel DE · amazon</title>"))
        // Sums over the two days: 10,000 impressions, 100 clicks (1.0 %), orders 4; sessions not reported.
        #expect(html.contains("<title>Impressions: 10,000</title>"))
        #expect(html.contains("<title>Clicks: 100 · 1.0 %</title>"))
        #expect(html.contains("class=\"missing\">not reported</text>"))
        #expect(html.contains("<title>Orders: 4</title>"))
        #expect(html.contains("1 market and platform pair reports orders only"))
    }

    // MARK: Safety

    @Test func hostileTextNeverBecomesMarkup() {
        let script = "<script>alert(1)</script>"
        let img = "\"><img src=x onerror=alert(1)>"
        var summary = Self.january
        summary[0].platform = Platform(script)
        let files = [
            D.file(img, format: script, sha256: "3333", read: 2, loaded: 1, skipped: [img: 1], status: script),
        ]
        let flags = [
            D.flag("cost_missing", .warning, from: "2026-02-01", dimensions: ["sku": script, "market": img], explanation: img),
        ]
        var m = Self.model(summary: summary, flags: flags, files: files, pipeline: script)
        m.timeZone = "</title><script>x</script>"
        m.generatedAt = "' onmouseover='alert(1)"
        let html = HTMLReport.render(m)

        // The only script is the report's own sort script, once, at the end.
        #expect(html.lowercased().components(separatedBy: "<script").count == 2)
        #expect(html.hasSuffix("<script>" + HTMLReport.sortScript + "</script></body></html>\n"))
        #expect(!html.lowercased().contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        // The skipped-reasons title attribute cannot be closed early.
        #expect(html.contains("title=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;: 1\""))
        // `onerror=` appears only inside that escaped text.
        let withoutEscaped = html.replacingOccurrences(of: "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", with: "")
        #expect(!withoutEscaped.contains("onerror"))
        #expect(!html.contains("' onmouseover"))

        // Every tag is one the report itself uses, and every tag's quotes balance.
        let allowed: Set<String> = [
            "h3", "script",
            "!doctype", "html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "p", "section", "div",
            "table", "thead", "tbody", "tr", "th", "td", "span", "svg", "line", "text", "rect", "dl", "dt", "dd",
        ]
        for tag in Self.tags(html) {
            #expect(allowed.contains(tag.name), "unexpected tag <\(tag.name)>")
            #expect(tag.raw.filter { $0 == "\"" }.count % 2 == 0, "unbalanced quotes in \(tag.raw)")
        }
    }

    @Test func thePageIsSelfContained() {
        let html = HTMLReport.render(Self.model(summary: Self.january))
        for needle in ["http://", "https://", "src=", "href=", "url(", "@import", "<script src", "<link", "<iframe"] {
            #expect(!html.lowercased().contains(needle), "found \(needle)")
        }
        // One inline script (table sorting), optional: the page is complete without it.
        #expect(html.components(separatedBy: "<script>").count == 2)
        #expect(html.hasPrefix("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(html.contains("<svg"))  // the chart is drawn inline
    }

    // MARK: Golden file

    /// A small deterministic report compared byte for byte with `fixtures/expected/golden/report_small.html`.
    ///
    /// The golden file was written by a first run and reviewed by eye (tiles, table figures, flags, reconciliation,
    /// chart). After an intended change to the report, regenerate it with
    /// `UPDATE_GOLDEN=1 swift test --filter HTMLReportTests`, review the diff, and commit it.
    @Test func theSmallReportMatchesItsGoldenFile() throws {
        let feb = [
            D.row("2026-02", D.de, nil, orders: 2, units: 2, gross: cents(21_00), cogs: nil),
            D.row("2026-02", D.us, nil, orders: 1, units: 1, gross: cents(10_00), cogs: Money(micros: 1_875_000)),
        ]
        let html = HTMLReport.render(Self.model(summary: Self.january + feb))
        let path = TestPaths.fixture("expected/golden/report_small.html")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try html.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let golden = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html == golden, "report.html differs from \(path); run with UPDATE_GOLDEN=1 to regenerate after review")
    }

    @Test func renderingTheSameModelTwiceGivesTheSameBytes() {
        #expect(HTMLReport.render(Self.model(summary: Self.january)) == HTMLReport.render(Self.model(summary: Self.january)))
    }

    /// Opening tags (and the doctype) with their lower-cased names.
    static func tags(_ html: String) -> [(name: String, raw: String)] {
        var out: [(String, String)] = []
        var i = html.startIndex
        while let open = html[i...].firstIndex(of: "<") {
            guard let close = html[open...].firstIndex(of: ">") else { break }
            let raw = String(html[open...close])
            let inner = raw.dropFirst()
            if !inner.hasPrefix("/") {
                let name = inner.prefix { !$0.isWhitespace && $0 != ">" }.lowercased()
                out.append((name, raw))
            }
            i = html.index(after: close)
        }
        return out
    }
}
