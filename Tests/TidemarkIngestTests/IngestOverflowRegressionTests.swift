import Foundation
import Testing
import TidemarkTestSupport

@testable import TidemarkIngest

/// Crash regressions found while fuzzing detection + ingest (issue 9): a unit price times a quantity beyond the
/// range of `Money` (±9.2 × 10^12 units) trapped in `Money.times` and killed the whole run. The row must be
/// rejected instead, with the quantity column named, and the file's counts must still add up.
@Suite("Ingest overflow regressions")
struct IngestOverflowRegressionTests {
    // Shopify: Lineitem price 1,000,000.00 × Lineitem quantity 99,999,999,999 = 10^17 units > 9.2 × 10^12.
    // eBay: Sold For $1,000,000.00 (a unit price) × Quantity 99,999,999,999, the same product.
    @Test(
        "price × quantity beyond the amount range rejects the row instead of trapping",
        arguments: [
            ("shopify_price_times_quantity_overflow.csv", "Lineitem quantity"),
            ("ebay_unit_price_times_quantity_overflow.csv", "Quantity"),
        ])
    func priceTimesQuantityOverflowIsRejected(file: String, quantityColumn: String) throws {
        let run = try ingestFile(TestPaths.fixture("malformed/fuzz/detect_ingest/" + file))
        let rec = run.reconciliation
        #expect(rec.isBalanced)
        #expect(rec.rowsLoaded == 0)
        let reject = try #require(rec.rejects.first)
        #expect(reject.column == quantityColumn)
        #expect(reject.value == "99999999999")
        #expect(reject.reason.contains("beyond the range of amounts"))
        #expect(run.orderLines.isEmpty)
    }
}
