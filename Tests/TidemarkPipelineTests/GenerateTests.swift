import Foundation
import Testing
import TidemarkCommerce
import TidemarkIngest
import TidemarkNormalize
import TidemarkTestSupport

@testable import TidemarkGenerate
@testable import TidemarkPipeline

/// `tidemark generate`: the same seed gives the same bytes, and what it writes loads without rejects.
@Suite struct GenerateTests {
    static let options = CorpusOptions(scale: 0.01, seed: 7)

    func contents(_ dir: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let base = dir.path
        for case let path as String in FileManager.default.enumerator(atPath: base)! {
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDir)
            if !isDir.boolValue { result[path] = try Data(contentsOf: URL(fileURLWithPath: base + "/" + path)) }
        }
        return result
    }

    @Test func sameSeedGivesTheSameBytes() throws {
        let a = TestPaths.temporaryDirectory()
        let b = TestPaths.temporaryDirectory()
        let summary = try CorpusGenerator(options: Self.options).write(to: a.path)
        try CorpusGenerator(options: Self.options).write(to: b.path)
        #expect(summary.orderLines == 200)
        let filesA = try contents(a)
        #expect(filesA.count == summary.files.count + 1)  // and pipeline.yaml
        #expect(filesA == (try contents(b)))
        // Another seed gives other orders.
        let c = TestPaths.temporaryDirectory()
        try CorpusGenerator(options: CorpusOptions(scale: 0.01, seed: 8)).write(to: c.path)
        #expect(try contents(c)["amazon/all-orders-2026-03.txt"] != filesA["amazon/all-orders-2026-03.txt"])
    }

    @Test func ordersAreDetectedAsAmazonAllOrdersWithoutRejects() throws {
        let dir = TestPaths.temporaryDirectory()
        let summary = try CorpusGenerator(options: CorpusOptions(scale: 1, seed: 3, orderLines: 2_000)).write(to: dir.path)
        #expect(summary.orderLines == 2_000)
        let path = dir.path + "/amazon/all-orders-2025-12.txt"
        let detection = try FileDetector.detect(path: path, displayName: path, options: IngestOptions())
        #expect(detection.format.id == "amazon_all_orders")
        #expect(!detection.dialect.quoting)
        let context = ParseContext(
            fileName: path, decimalSeparator: detection.decimalSeparator, sourceZone: .utc, reportingZone: .utc,
            runDate: CivilDate(year: 2026, month: 11, day: 1)!, defaultMarket: nil, fxBase: .EUR,
            customerKeys: CustomerKeyer(secret: Array("test".utf8)))
        let rec = try FileIngestor.ingest(path: path, detection: detection, context: context, sha256: "") { _ in }
        #expect(rec.rowsRead > 100)
        #expect(rec.rowsRejected == 0)
        #expect(rec.rowsSkipped == 0)
        #expect(rec.rowsLoaded == rec.rowsRead)
    }

    /// The writers that follow the orders draw from streams of their own: the orders and shipments files are the
    /// same bytes whether they run or not (other engineers compare benchmarks on corpora generated before them).
    @Test func newFormatsLeaveTheExistingFilesUnchanged() throws {
        let full = TestPaths.temporaryDirectory()
        let alone = TestPaths.temporaryDirectory()
        let generator = CorpusGenerator(options: CorpusOptions(scale: 0.05, seed: 4))
        try generator.write(to: full.path)
        for sub in ["amazon", "shopify", "logistics"] {
            try FileManager.default.createDirectory(atPath: alone.path + "/" + sub, withIntermediateDirectories: true)
        }
        let files = try generator.writeOrdersAndShipments(alone.path)
        #expect(files.count == 36)
        let written = try contents(full)
        for (path, data) in try contents(alone) { #expect(written[path] == data, "\(path)") }
    }

    /// The format id a generated file's kind is read as (two kinds predate the format ids' final names).
    static func formatID(_ kind: String) -> String {
        ["amazon_ads_sp": "amazon_ads_sponsored_products", "ecb_fx": "ecb_eurofxref"][kind] ?? kind
    }

    /// The pipeline input options a generated file needs (as the generated pipeline.yaml sets them).
    static func inputOptions(_ path: String) -> (IngestOptions, ReportingTimeZone, Market?) {
        var options = IngestOptions()
        var zone = ReportingTimeZone.utc
        var market: Market?
        if path.hasPrefix("aliexpress/") { options.fallbackEncoding = .gb18030 }
        if path.hasPrefix("aliexpress/") || path.hasPrefix("alibaba/alibaba-orders") { zone = ReportingTimeZone(identifier: "Asia/Shanghai")! }
        if path.hasPrefix("ebay/ebay-orders-de") { options.decimalSeparator = .comma }
        for (marker, code) in [("-us", "US"), ("-de", "DE"), ("-jp", "JP")] where path.hasPrefix("amazon-payments/") && path.contains(marker) {
            market = Market(code: code)
        }
        return (options, zone, market)
    }

    /// Every file the generator writes, of every format, is detected as the format it was written as and loads
    /// without a reject; every format of `tidemark formats` that the generator covers appears.
    @Test func everyGeneratedFileIsDetectedAsItsFormatAndLoadsWithoutRejects() throws {
        let dir = TestPaths.temporaryDirectory()
        let summary = try CorpusGenerator(options: CorpusOptions(scale: 0.05, seed: 5)).write(to: dir.path)
        let kinds = Set(summary.files.map(\.kind))
        #expect(kinds.count == 22)
        for kind in [
            "amazon_settlement_v2", "amazon_date_range", "amazon_returns", "amazon_fba_customer_returns", "amazon_fba_shipments",
            "ebay_orders", "aliexpress_orders", "alibaba_orders", "google_ads", "tiktok_ads", "alibaba_traffic", "generic_traffic",
            "fedex_billing", "ups_billing", "shipstation_shipments",
        ] {
            #expect(kinds.contains(kind), "no \(kind) file")
        }
        for file in summary.files {
            let path = dir.path + "/" + file.path
            let (options, zone, market) = Self.inputOptions(file.path)
            let detection = try FileDetector.detect(path: path, displayName: file.path, options: options)
            #expect(detection.format.id == Self.formatID(file.kind), "\(file.path)")
            let context = ParseContext(
                fileName: file.path, decimalSeparator: detection.decimalSeparator, sourceZone: zone, reportingZone: .utc,
                runDate: CivilDate(year: 2026, month: 11, day: 22)!, defaultMarket: market, fxBase: .EUR,
                customerKeys: CustomerKeyer(secret: Array("test".utf8)))
            let rec = try FileIngestor.ingest(path: path, detection: detection, context: context, sha256: "") { _ in }
            #expect(rec.rowsRejected == 0, "\(file.path)")
            #expect(rec.rowsLoaded >= min(file.rows, 1), "\(file.path)")
        }
    }

    /// The generated pipeline runs: every input loads without rejects, Amazon's fees come from the payment
    /// reports (not estimates) and the funnel has sessions.
    @Test func generatedPipelineHasPlatformFeesAndSessions() throws {
        let dir = TestPaths.temporaryDirectory()
        let summary = try CorpusGenerator(options: CorpusOptions(scale: 0.05, seed: 9)).write(to: dir.path)
        let definition = try PipelineLoader.load(path: dir.appendingPathComponent("pipeline.yaml").path)
        let outcome = PipelineRunner(
            definition: definition,
            environment: RunEnvironment(now: { PipelineRunnerTests.now }, logger: MemoryLog().logger(), toolVersion: "test", customerKeySecret: "k")
        ).run()
        #expect(outcome.exitCode == 0 || outcome.exitCode == 3)

        func table(_ name: String) throws -> [[String: String]] {
            let folder = definition.datedReports ? definition.outputPath + "/latest" : definition.outputPath
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
        }
        // Reconciliation: one row per generated file, each loaded as its own format, no rejects. (The file
        // column is the first one and names no commas.)
        let reconciliation = try table("reconciliation.csv")
        #expect(reconciliation.count == summary.files.count)
        let kinds = Dictionary(uniqueKeysWithValues: summary.files.map { ($0.path, $0.kind) })
        let rows = Dictionary(uniqueKeysWithValues: summary.files.map { ($0.path, $0.rows) })
        for row in reconciliation {
            // Files are named as the pipeline found them: under the corpus folder.
            let file = row["file"] ?? ""
            let relative = file.hasPrefix(dir.path + "/") ? String(file.dropFirst(dir.path.count + 1)) : file
            #expect(row["rows_rejected"] == "0", "\(file)")
            // A yearly returns report can be empty at this scale: nothing to detect then.
            guard rows[relative] != 0 else { continue }
            #expect(row["format"] == kinds[relative].map(Self.formatID), "\(file)")
        }
        // Amazon.com and Amazon.de fees are the payment reports' own.
        let margin = try table("sales_margin_summary.csv")
        let amazonFees = margin.filter { $0["platform"] == "amazon" && ($0["market"] == "US" || $0["market"] == "DE") }
        #expect(!amazonFees.isEmpty)
        for row in amazonFees {
            #expect((Double(row["platform_fees"] ?? "") ?? 0) > 0, "\(row)")
            #expect(row["fees_estimated"] == "false", "\(row)")
        }
        let skuFees = try table("sales_margin.csv").compactMap { Double($0["platform_fees"] ?? "") }
        #expect(skuFees.reduce(0, +) > 0)
        // Funnel: sessions for Amazon, Shopify and Alibaba, always more than the orders of the same row.
        let funnel = try table("funnel.csv")
        let withSessions = funnel.filter { !($0["sessions"] ?? "").isEmpty }
        #expect(Set(withSessions.compactMap { $0["platform"] }).isSuperset(of: ["amazon", "shopify", "alibaba"]))
        for row in withSessions {
            #expect((Int(row["sessions"] ?? "") ?? 0) > (Int(row["orders"] ?? "") ?? 0), "\(row)")
        }
    }
}
