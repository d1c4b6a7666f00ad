import Foundation
import Testing
import TidemarkTestSupport
import TidemarkWarehouse

/// The real binary on the demo store: figures equal the independent reference calculation
/// (tools/reference_margin.py → fixtures/expected/), and reruns change nothing.
@Suite(.serialized) struct DemoRunTests {
    /// A fixed clock: the run date decides which rows are "in the future".
    static let env = ["TIDEMARK_NOW": "2026-11-22T06:00:00Z", "TIDEMARK_CUSTOMER_KEY": "test-secret"]

    func runDemo(into dir: URL) throws -> TidemarkBinary.Result {
        try TidemarkBinary.run(
            ["run", "pipelines/demo.yaml", "--out", dir.appendingPathComponent("out").path,
             "--warehouse", dir.appendingPathComponent("warehouse.sqlite").path, "--log-format", "json"],
            environment: Self.env)
    }

    func read(_ dir: URL, _ name: String) throws -> Data { try Data(contentsOf: dir.appendingPathComponent("out").appendingPathComponent(name)) }

    @Test func demoMarginEqualsTheIndependentReferenceToTheCent() throws {
        let dir = TestPaths.temporaryDirectory()
        let result = try runDemo(into: dir)
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
        // Rows per file, counted by hand from the fixtures: 114, 128 and 144 order lines, 87 ECB days, 16 costs.
        let expected = [
            "fixtures/amazon/all-orders-2026-08.txt": 114, "fixtures/amazon/all-orders-2026-09.txt": 128,
            "fixtures/amazon/all-orders-2026-10.txt": 144, "fixtures/fx/eurofxref-hist.csv": 87, "fixtures/costs/unit_costs.csv": 16,
        ]
        #expect(lines.count == expected.count)
        for line in lines {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let read = Int(f[5])!, loaded = Int(f[6])!, rejected = Int(f[7])!, skipped = Int(f[8])!
            #expect(read == loaded + rejected + skipped, "\(f[0])")
            #expect(expected[f[0]] == read, "\(f[0])")
            #expect(f[11] == "loaded")
        }
    }

    @Test func runningTwiceChangesNothing() throws {
        let dir = TestPaths.temporaryDirectory()
        #expect(try runDemo(into: dir).exitCode == 0)
        let names = ["sales_margin.csv", "sales_margin_summary.csv", "reconciliation.csv", "rejects.csv", "fx_rates_used.csv", "flags.csv", "report.html"]
        let first = try names.map { try read(dir, $0) }
        let second = try runDemo(into: dir)
        #expect(second.exitCode == 0, "stderr: \(second.stderr)")
        for (i, name) in names.enumerated() { #expect(try read(dir, name) == first[i], "\(name) changed on the second run") }
        // The warehouse holds each file once: 5 fingerprints, 386 order lines (114 + 128 + 144), 87 ECB days × the
        // quoted currencies, 16 costs, no rejects.
        let counts = try Warehouse(path: dir.appendingPathComponent("warehouse.sqlite").path).tableCounts()
        #expect(counts["file_fingerprints"] == 5)
        #expect(counts["order_lines"] == 386)
        #expect(counts["unit_costs"] == 16)
        #expect(counts["rejects"] == 0)
    }
}
