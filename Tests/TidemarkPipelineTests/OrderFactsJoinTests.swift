import Foundation
import Testing
import TidemarkCommerce
import TidemarkIngest
import TidemarkTestSupport
import TidemarkWarehouse

@testable import TidemarkPipeline

/// ``OrderFactsJoin``: refunds and fees walked beside the order lines of a real warehouse, each handed over once,
/// after its order's lines, with the market of the order's last line; those of orders without lines with none.
@Suite struct OrderFactsJoinTests {
    static let de = Market(code: "DE")!, fr = Market(code: "FR")!, us = Market(code: "US")!, gb = Market(code: "GB")!, it = Market(code: "IT")!

    static func line(_ platform: Platform, _ order: String, _ sku: String, _ market: Market, status: OrderStatus = .shipped) -> IngestedFact {
        .orderLine(
            OrderLine(
                provenance: Provenance(file: "orders.txt", line: 2), platform: platform, store: "s", marketplace: "m", market: market,
                orderID: order, orderTime: Timestamp(secondsSinceEpoch: 1_767_225_600), status: status, sku: sku, quantity: 1,
                currency: .EUR, itemAmount: Money(micros: 10_000_000), tax: .zero, shippingCharged: .zero, discount: .zero,
                customerKey: nil, sourceUpdatedAt: nil))
    }

    static func fee(_ platform: Platform, _ order: String?, _ market: Market, _ type: FeeType = .commission) -> IngestedFact {
        .fee(
            PlatformFee(
                provenance: Provenance(file: "fees.txt", line: 2), platform: platform, market: market, orderID: order, sku: nil,
                date: CivilDate(iso: "2026-01-02")!, type: type, amount: Money(micros: 1_000_000), currency: .EUR))
    }

    static func refund(_ platform: Platform, _ order: String, _ market: Market) -> IngestedFact {
        .refund(
            Refund(
                provenance: Provenance(file: "refunds.txt", line: 2), platform: platform, market: market, orderID: order, sku: "A",
                refundDate: CivilDate(iso: "2026-01-03")!, amount: Money(micros: 2_000_000), currency: .EUR, unitsReturned: 1, reason: nil))
    }

    /// A warehouse holding `facts` in one committed run.
    static func warehouse(_ facts: [IngestedFact]) throws -> Warehouse {
        let w = try Warehouse(path: TestPaths.temporaryDirectory().appendingPathComponent("warehouse.sqlite").path)
        _ = try w.beginRun(pipeline: "p", startedAt: "t0")
        try w.loadFile(sha256: "sha", exportRank: "000000000000|facts.txt") { loader in
            for f in facts { try loader.load(f) }
            var r = FileReconciliation(file: "facts.txt", sha256: "sha")
            r.format = "test"
            r.encoding = "utf-8"
            r.delimiter = ","
            r.rowsRead = facts.count
            r.rowsLoaded = facts.count
            r.status = "loaded"
            return r
        }
        try w.commitRun(finishedAt: "t1", status: "success")
        return w
    }

    @Test func eachFactIsHandedOverAfterItsOrdersLinesWithTheLastLinesMarket() throws {
        // Loaded in no particular order; the warehouse gives them in key order.
        let w = try Self.warehouse([
            Self.fee(.shopify, "#2000", Self.gb),  // after every line
            Self.line(.amazon, "A-1", "A", Self.de), Self.line(.amazon, "A-1", "B", Self.fr),  // last line FR
            Self.fee(.amazon, nil, Self.de, .storage),  // names no order: first
            Self.fee(.amazon, "A-1", Self.de), Self.fee(.amazon, "A-2", Self.it),  // A-2 has no lines
            Self.refund(.amazon, "A-1", Self.de),
            Self.line(.amazon, "A-3", "A", Self.us), Self.fee(.amazon, "A-3", Self.de),
            Self.fee(.amazon, "Z-9", Self.de),  // after the last amazon order
            Self.fee(.ebay, "E-1", Self.de),  // a platform without lines
            Self.line(.shopify, "#1001", "A", Self.gb, status: .cancelled),  // cancelled lines are lines too
            Self.fee(.shopify, "#1001", Self.us), Self.refund(.shopify, "#9", Self.us),
        ])
        var events: [String] = []
        let join = try OrderFactsJoin(
            w, provenance: false, refund: { events.append("refund \($0.platform) \($0.orderID) \($1?.code ?? "-")") },
            fee: { events.append("fee \($0.platform) \($0.orderID ?? "none") \($1?.code ?? "-")") })
        try w.forEachSalesOrderLine(customerKeys: false) { line, _ in
            try join.lineArrived(line)
            events.append("line \(line.platform) \(line.orderID) \(line.sku)")
        }
        try join.finish()
        #expect(
            events == [
                "line amazon A-1 A", "line amazon A-1 B",
                "refund amazon A-1 FR", "fee amazon none -", "fee amazon A-1 FR",
                "line amazon A-3 A",
                "fee amazon A-2 -", "fee amazon A-3 US",
                "line shopify #1001 A",
                "fee amazon Z-9 -", "fee ebay E-1 -", "fee shopify #1001 GB",
                "refund shopify #9 -", "fee shopify #2000 -",
            ])
    }

    @Test func keysCompareAsTheWarehouseSortsThem() {
        #expect(compareOrderKeys(.amazon, "B", .ebay, "A") < 0)
        #expect(compareOrderKeys(.amazon, "A-10", .amazon, "A-9") < 0)  // bytes, not numbers
        #expect(compareOrderKeys(.amazon, "A", .amazon, "A-1") < 0)  // a prefix first
        #expect(compareOrderKeys(.amazon, "É", .amazon, "Z") > 0)  // UTF-8 bytes: 0xC3 after 'Z'
        #expect(compareOrderKeys(.shopify, "#1001", .shopify, "#1001") == 0)
    }
}
