import Foundation
import Testing
import TidemarkCSV
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

/// Every selling-platform fixture is recognised with the right format, encoding, delimiter and counts (the
/// counts of fixtures/README.md and fixtures/malformed/README.md), and rows read = loaded + rejected + skipped.
@Suite("Selling-platform fixtures")
struct PlatformFixtureTests {
    struct Case: Sendable, CustomStringConvertible {
        var file: String, format: String, encoding: TextEncoding, delimiter: String
        var read: Int, loaded: Int, rejected: Int, skipped: Int
        var options: IngestOptions = IngestOptions()
        var description: String { file }
    }

    static let cases: [Case] = [
        Case(file: "amazon-payments/settlement-2026-09-eu.txt", format: "amazon_settlement_v2", encoding: .utf8, delimiter: "\t", read: 291, loaded: 137, rejected: 0, skipped: 154),
        Case(file: "amazon-payments/settlement-2026-10-us.txt", format: "amazon_settlement_v2", encoding: .utf8, delimiter: "\t", read: 163, loaded: 97, rejected: 0, skipped: 66),
        Case(file: "amazon-payments/date-range-2026-08-us.csv", format: "amazon_date_range", encoding: .utf8, delimiter: ",", read: 50, loaded: 48, rejected: 0, skipped: 2),
        Case(file: "amazon-payments/returns-2026-09-eu.txt", format: "amazon_returns", encoding: .utf8, delimiter: "\t", read: 7, loaded: 6, rejected: 0, skipped: 1),
        Case(file: "amazon-payments/fba-customer-returns-2026-10-us.txt", format: "amazon_fba_customer_returns", encoding: .utf8, delimiter: "\t", read: 4, loaded: 4, rejected: 0, skipped: 0),
        Case(file: "amazon-payments/fba-shipments-2026-10-us.txt", format: "amazon_fba_shipments", encoding: .utf8, delimiter: "\t", read: 16, loaded: 12, rejected: 0, skipped: 4),
        Case(file: "shopify/orders_export_2026-08_09.csv", format: "shopify_orders", encoding: .utf8, delimiter: ",", read: 46, loaded: 46, rejected: 0, skipped: 0),
        Case(file: "shopify/orders_export_2026-10.csv", format: "shopify_orders", encoding: .utf8, delimiter: ",", read: 21, loaded: 21, rejected: 0, skipped: 0),
        Case(file: "ebay/ebay-orders-2026-09-us.csv", format: "ebay_orders", encoding: .utf8, delimiter: ",", read: 29, loaded: 20, rejected: 0, skipped: 9),
        Case(file: "ebay/ebay-orders-2026-10-de.csv", format: "ebay_orders", encoding: .utf8, delimiter: ",", read: 29, loaded: 20, rejected: 0, skipped: 9, options: IngestOptions(decimalSeparator: .comma)),
        Case(file: "aliexpress/aliexpress-orders-2026-10-cn.csv", format: "aliexpress_orders", encoding: .gb18030, delimiter: ",", read: 12, loaded: 12, rejected: 0, skipped: 0, options: IngestOptions(fallbackEncoding: .gb18030)),
        Case(file: "aliexpress/aliexpress-orders-2026-09-en.csv", format: "aliexpress_orders", encoding: .utf8BOM, delimiter: ",", read: 8, loaded: 8, rejected: 0, skipped: 0),
        Case(file: "alibaba/alibaba-orders-2026-q3.csv", format: "alibaba_orders", encoding: .utf8, delimiter: ",", read: 6, loaded: 6, rejected: 0, skipped: 0),
        Case(file: "malformed/amazon_all_orders_2026-09_redownload.tsv", format: "amazon_all_orders", encoding: .utf8, delimiter: "\t", read: 10, loaded: 10, rejected: 0, skipped: 0),
        Case(file: "malformed/ebay_summary_without_items.csv", format: "ebay_orders", encoding: .utf8, delimiter: ",", read: 11, loaded: 3, rejected: 2, skipped: 6),
        Case(file: "malformed/shopify_unknown_order_line.csv", format: "shopify_orders", encoding: .utf8, delimiter: ",", read: 5, loaded: 3, rejected: 2, skipped: 0),
        Case(file: "malformed/settlement_without_summary.tsv", format: "amazon_settlement_v2", encoding: .utf8, delimiter: "\t", read: 4, loaded: 0, rejected: 3, skipped: 1),
        Case(file: "malformed/aliexpress_gbk_bad_amount.csv", format: "aliexpress_orders", encoding: .gb18030, delimiter: ",", read: 4, loaded: 2, rejected: 2, skipped: 0, options: IngestOptions(fallbackEncoding: .gb18030)),
    ]

    @Test(arguments: cases) func recognisesAndReconciles(_ c: Case) throws {
        let run = try readPlatformFile(c.file, options: c.options)
        #expect(run.detection.format.id == c.format)
        #expect(run.detection.encoding == c.encoding)
        #expect(run.detection.dialect.delimiter == c.delimiter.utf8.first)
        let r = run.reconciliation
        #expect((r.rowsRead, r.rowsLoaded, r.rowsRejected, r.rowsSkipped) == (c.read, c.loaded, c.rejected, c.skipped))
        #expect(r.isBalanced)
        for fact in run.facts { #expect(!strings(in: fact).contains { $0.contains("@") }) }
    }

    @Test func theRedownloadRepeatsTenSeptemberLinesWithALaterUpdate() throws {
        let original = try readPlatformFile("amazon/all-orders-2026-09.txt").orderLines
        let again = try readPlatformFile("malformed/amazon_all_orders_2026-09_redownload.tsv").orderLines
        #expect(again.count == 10)
        for line in again {
            let o = try #require(original.first { $0.orderID == line.orderID && $0.sku == line.sku })
            #expect((o.itemAmount, o.tax, o.shippingCharged, o.discount, o.quantity, o.status) == (line.itemAmount, line.tax, line.shippingCharged, line.discount, line.quantity, line.status))
            #expect(o.sourceUpdatedAt!.secondsSinceEpoch + 3 * 86_400 == line.sourceUpdatedAt!.secondsSinceEpoch)
        }
    }

    @Test func everyPlatformFormatIsRegisteredOnce() {
        let ids = FormatRegistry.all.map(\.id)
        for id in ["amazon_settlement_v2", "amazon_date_range", "amazon_returns", "amazon_fba_customer_returns",
                   "amazon_fba_shipments", "shopify_orders", "ebay_orders", "aliexpress_orders", "alibaba_orders"] {
            #expect(ids.filter { $0 == id }.count == 1, "\(id)")
        }
    }
}
