import Foundation
import Testing
import TidemarkTestSupport

/// `tidemark report margin`: issues are numbered and kept; a reissue after a late file lists what changed.
@Suite(.serialized) struct MarginReportTests {
    static let env = ["TIDEMARK_NOW": "2026-11-22T06:00:00Z", "TIDEMARK_CUSTOMER_KEY": "test-secret"]
    static let inputs = [
        "fixtures/amazon/all-orders-2026-09.txt", "fixtures/amazon/all-orders-2026-10.txt", "fixtures/fx/eurofxref-hist.csv",
        "fixtures/costs/unit_costs.csv",
    ]

    @Test func aReissueAfterALateFileListsTheFileAndTheFiguresThatMoved() throws {
        let dir = TestPaths.temporaryDirectory()
        let warehouse = dir.appendingPathComponent("w.sqlite").path
        let out = dir.appendingPathComponent("margin").path
        func load(_ extra: [String]) throws {
            let r = try TidemarkBinary.run(["run", "--input"] + Self.inputs + extra + ["--out", dir.appendingPathComponent("run").path, "--warehouse", warehouse, "--fail-on", "never"], environment: Self.env)
            #expect(r.exitCode == 0, "\(r.stderr)")
        }
        func issue() throws -> TidemarkBinary.Result {
            try TidemarkBinary.run(["report", "margin", "--month", "2026-10", "--currency", "EUR", "--warehouse", warehouse, "--out", out, "--quiet"], environment: Self.env)
        }
        try load([])
        #expect(try issue().exitCode == 0)
        let first = try String(contentsOfFile: out + "/2026-10-EUR/issue-1/margin_summary.csv", encoding: .utf8)
        // Issue 1 of October, DE amazon, from the reference figures (fixtures/expected): 11 orders, 29 units, 863.11.
        #expect(first.contains("\n2026-10,DE,amazon,EUR,11,29,863.11,"))
        #expect(try String(contentsOfFile: out + "/2026-10-EUR/issue-1/changes.csv", encoding: .utf8) == "market,platform,figure,previous,current,change\n")

        // A late export: 3 more October orders in DE at 10.00 EUR (SKUs without cost).
        let late = try GeneratedOrders.write(to: dir.appendingPathComponent("late-2026-10.txt"), lines: 3, month: "2026-10", prefix: "LATE")
        try load([late.path])
        let second = try issue()
        #expect(second.exitCode == 0, "\(second.stderr)")
        let changes = try String(contentsOfFile: out + "/2026-10-EUR/issue-2/changes.csv", encoding: .utf8)
        // 11 + 3 = 14 orders, 29 + 3 = 32 units, 863.11 + 30.00 = 893.11 gross; COGS becomes unknown (no cost for
        // the late SKUs), so cogs, gross margin and its rate go empty.
        #expect(changes.contains("DE,amazon,orders,11,14,+3\n"))
        #expect(changes.contains("DE,amazon,units,29,32,+3\n"))
        #expect(changes.contains("DE,amazon,gross_sales,863.11,893.11,+30.00\n"))
        #expect(changes.contains("DE,amazon,cogs,237.87,,\n"))
        #expect(changes.contains(",,file_arrived,,\(late.path),\n"))
        // Nothing outside DE amazon moved.
        for line in changes.split(separator: "\n").dropFirst() where !line.contains("file_arrived") {
            #expect(line.hasPrefix("DE,amazon,"), "unexpected change: \(line)")
        }
        // Both issues are kept.
        #expect(FileManager.default.fileExists(atPath: out + "/2026-10-EUR/issue-1/margin.html"))
        #expect(FileManager.default.fileExists(atPath: out + "/2026-10-EUR/issue-2/margin.html"))
        let html = try String(contentsOfFile: out + "/2026-10-EUR/issue-2/margin.html", encoding: .utf8)
        #expect(html.contains("Changes since issue 1"))
    }
}
