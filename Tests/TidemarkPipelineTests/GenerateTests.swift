import Foundation
import Testing
import TidemarkCommerce
import TidemarkGenerate
import TidemarkIngest
import TidemarkNormalize
import TidemarkTestSupport

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
}
