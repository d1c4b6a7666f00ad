import Foundation
import Testing
import TidemarkTestSupport
import TidemarkWarehouse

/// The real binary on the demo store: figures equal the independent reference calculation
/// (tools/reference_margin.py → fixtures/expected/), and reruns change nothing.
@Suite(.serialized) struct DemoRunTests {
    /// A fixed clock: the run date decides which rows are "in the future".
    static let env = ["TIDEMARK_NOW": "2026-11-22T06:00:00Z", "TIDEMARK_CUSTOMER_KEY": "test-secret"]

    func runDemo(into dir: URL, inputs: [String] = []) throws -> TidemarkBinary.Result {
        try TidemarkBinary.run(
            ["run", "pipelines/demo.yaml", "--out", dir.appendingPathComponent("out").path,
             "--warehouse", dir.appendingPathComponent("warehouse.sqlite").path, "--log-format", "json", "--fail-on", "never"]
                + (inputs.isEmpty ? [] : ["--input"] + inputs),
            environment: Self.env)
    }

    /// The files the independent reference calculation (tools/reference_margin.py) reads.
    static let referenceInputs = [
        "fixtures/amazon/all-orders-2026-08.txt", "fixtures/amazon/all-orders-2026-09.txt", "fixtures/amazon/all-orders-2026-10.txt",
        "fixtures/fx/eurofxref-hist.csv", "fixtures/costs/unit_costs.csv",
    ]

    func summaryRow(_ dir: URL, _ key: String) throws -> [String] {
        let text = String(decoding: try read(dir, "sales_margin_summary.csv"), as: UTF8.self)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix(key + ",") })
        return line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    func read(_ dir: URL, _ name: String) throws -> Data { try Data(contentsOf: dir.appendingPathComponent("out").appendingPathComponent(name)) }

    @Test func demoMarginEqualsTheIndependentReferenceToTheCent() throws {
        let dir = TestPaths.temporaryDirectory()
        let result = try runDemo(into: dir, inputs: Self.referenceInputs)
        #expect(result.exitCode == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("report.html"))
        let expected = TestPaths.packageRoot.appendingPathComponent("fixtures/expected")
        #expect(try read(dir, "sales_margin_summary.csv") == Data(contentsOf: expected.appendingPathComponent("sales_margin_summary.csv")))
        #expect(try read(dir, "sales_margin.csv") == Data(contentsOf: expected.appendingPathComponent("sales_margin.csv")))
        for name in ["report.html", "run.json", "reconciliation.csv", "rejects.csv", "fx_rates_used.csv", "flags.csv"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/\(name)").path), "\(name) missing")
        }
    }

    @Test func reconciliationBalancesForEveryDemoFile() throws {
        let dir = TestPaths.temporaryDirectory()
        _ = try runDemo(into: dir)
        let lines = String(decoding: try read(dir, "reconciliation.csv"), as: UTF8.self).split(separator: "\n").dropFirst()
        // Rows per file, counted from the fixtures (fixtures/README.md): 114, 128 and 144 order lines, 87 ECB days,
        // 16 costs, 291 settlement rows (EU, September) …
        let expected = [
            "fixtures/amazon/all-orders-2026-08.txt": 114, "fixtures/amazon/all-orders-2026-09.txt": 128,
            "fixtures/amazon/all-orders-2026-10.txt": 144, "fixtures/fx/eurofxref-hist.csv": 87, "fixtures/costs/unit_costs.csv": 20,
            "fixtures/amazon-payments/settlement-2026-09-eu.txt": 291, "fixtures/traffic/alibaba-data-manager.csv": 1104,
        ]
        #expect(lines.count == 27)  // every demo input is listed
        for line in lines {
            // skipped_reasons may contain commas inside quotes: read the counts from the numeric columns only.
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let read = Int(f[5])!, loaded = Int(f[6])!, rejected = Int(f[7])!, skipped = Int(f[8])!
            #expect(read == loaded + rejected + skipped, "\(f[0])")
            #expect(rejected == 0, "\(f[0])")
            if let n = expected[f[0]] { #expect(n == read, "\(f[0])") }
            #expect(f.last == "loaded", "\(f[0])")
        }
    }

    @Test func refundsAndFeesMatchTheHandComputedMonths() throws {
        let dir = TestPaths.temporaryDirectory()
        #expect(try runDemo(into: dir).exitCode == 0)
        // 2026-09, DE, amazon (fixtures/README.md, "worked example"): refunds from settlement-2026-09-eu.txt
        // 71.34 + 17.56 + 21.84 + 21.84 + 47.04 = 179.62 EUR; fees of the Amazon.de rows 1442.81 EUR, of which
        // 16.09 belong to an Amazon.de order shipped to Austria and so count under AT (fees follow the order's
        // market), and 1042.30 are advertising charges, which are the Amazon Ads spend and count as ad spend:
        // 1442.81 − 16.09 − 1042.30 = 384.42. Net revenue 1209.38 − 38.97 − 179.62 = 990.79; gross margin
        // 990.79 − 314.27 = 676.52; 676.52 / 990.79 = 0.6828. Returns: 6 units of 40 = 0.1500.
        let de = try summaryRow(dir, "2026-09,DE,amazon")
        #expect(Array(de[4...12]) == ["21", "40", "1209.38", "-38.97", "-179.62", "990.79", "314.27", "384.42", "false"])
        #expect(de[16] == "676.52" && de[17] == "0.6828")
        #expect(de[21] == "6" && de[22] == "0.1500")
        #expect(try summaryRow(dir, "2026-09,AT,amazon")[11] == "16.09")
        // 2026-09, FR, shopify (orders #1017 and #1028): 2 orders, 3 units, gross 49.97 + 18.17 = 68.14,
        // discounts 5.40, refund 16.90, net 68.14 − 5.40 − 16.90 = 45.84. Shopify has no fee export: estimated at
        // 2.9 % of gross sales, 0.029 × 68.14 = 1.97606 → 1.98, marked estimated.
        let fr = try summaryRow(dir, "2026-09,FR,shopify")
        #expect(Array(fr[4...12]) == ["2", "3", "68.14", "-5.40", "-16.90", "45.84", "14.15", "1.98", "true"])
    }

    @Test func aMetaCampaignSpendingWithBlankPurchasesIsFlaggedIdle() throws {
        // fixtures/ads/meta-ads-daily.csv: "FR | Prospecting | Candles" spends on 14 … 18 September with the
        // Purchases cells blank, which in a Meta export means no results. Spend by hand from the five rows:
        // 146.22 EUR. Five consecutive spending days without an attributed order ≥ the 3-day rule.
        let flags = try DemoOutput.text("flags.csv").split(separator: "\n").map(String.init)
        let idle = flags.filter { $0.contains("campaign_spend_no_orders") && $0.contains("FR | Prospecting | Candles") }
        #expect(idle.count == 1)
        #expect(idle.first?.hasPrefix("2026-09-14,2026-09-18,warning,campaign_spend_no_orders,ad_spend,account=;campaign=FR | Prospecting | Candles;market=FR;platform=meta_ads,146.22,0,") == true)
        // The campaign row from the five fixture rows: impressions 4945 + 7134 + 5369 + 2140 + 1553 = 21141, link
        // clicks 61 + 55 + 57 + 32 + 29 = 234; CTR 234 / 21141 = 0.01107 → 0.0111; CPC 146.22 / 234 = 0.6249 → 0.62;
        // 0 attributed orders and 0.00 sales (not unknown); ROAS 0 / 146.22 = 0; ACoS 146.22 / 0 undefined → empty;
        // ROI (0 × margin − 146.22) / 146.22 = −1.
        let row = try DemoOutput.text("campaigns.csv").split(separator: "\n").first { $0.contains("FR | Prospecting | Candles") }
        #expect(row.map(String.init) == "2026-09,meta_ads,,FR | Prospecting | Candles,FR,EUR,21141,234,146.22,0,0.00,7-day click or 1-day view,0.0111,0.62,0.0000,,-1.0000")
    }

    @Test func anOverlappingRedownloadChangesNoFigure() throws {
        let dir = TestPaths.temporaryDirectory()
        #expect(try runDemo(into: dir).exitCode == 0)
        let before = try read(dir, "sales_margin.csv"), beforeSummary = try read(dir, "sales_margin_summary.csv")
        // The same pipeline plus a second download of ten September lines (identical figures, updated 3 days later).
        let root = TestPaths.packageRoot.path
        var yaml = try String(contentsOfFile: root + "/pipelines/demo.yaml", encoding: .utf8).replacingOccurrences(of: "../", with: root + "/")
        yaml += "  - path: \(root)/fixtures/malformed/amazon_all_orders_2026-09_redownload.tsv\n"
        let pipeline = dir.appendingPathComponent("demo-plus-redownload.yaml")
        try yaml.write(to: pipeline, atomically: true, encoding: .utf8)
        let again = try TidemarkBinary.run(
            ["run", pipeline.path, "--out", dir.appendingPathComponent("out").path, "--warehouse", dir.appendingPathComponent("warehouse.sqlite").path,
             "--fail-on", "never", "--quiet"], environment: Self.env)
        #expect(again.exitCode == 0, "\(again.stderr)")
        #expect(try read(dir, "sales_margin.csv") == before)
        #expect(try read(dir, "sales_margin_summary.csv") == beforeSummary)
        // The redownload's ten rows met ten loaded keys and replaced them (newer last-updated-date).
        let reconciliation = String(decoding: try read(dir, "reconciliation.csv"), as: UTF8.self)
        let line = try #require(reconciliation.split(separator: "\n").first { $0.contains("redownload") })
        #expect(line.hasSuffix(",10,loaded"))
    }

    @Test func runningTwiceChangesNothing() throws {
        let dir = TestPaths.temporaryDirectory()
        #expect(try runDemo(into: dir).exitCode == 0)
        let names = ["sales_margin.csv", "sales_margin_summary.csv", "reconciliation.csv", "rejects.csv", "fx_rates_used.csv", "flags.csv", "report.html"]
        let first = try names.map { try read(dir, $0) }
        let second = try runDemo(into: dir)
        #expect(second.exitCode == 0, "stderr: \(second.stderr)")
        for (i, name) in names.enumerated() { #expect(try read(dir, name) == first[i], "\(name) changed on the second run") }
        // The warehouse holds each file once: 27 fingerprints, one run per invocation, 20 costs, no rejects.
        let counts = try Warehouse(path: dir.appendingPathComponent("warehouse.sqlite").path).tableCounts()
        #expect(counts["file_fingerprints"] == 27)
        #expect(counts["unit_costs"] == 20)
        #expect(counts["rejects"] == 0)
        let once = TestPaths.temporaryDirectory()
        #expect(try runDemo(into: once).exitCode == 0)
        #expect(try Warehouse(path: once.appendingPathComponent("warehouse.sqlite").path).tableCounts() == counts)
    }
}
