import Foundation
import Testing
import TidemarkCommerce
import TidemarkIngest
import TidemarkMetrics
import TidemarkTestSupport
import TidemarkWarehouse

@testable import TidemarkPipeline

/// ``FirstOrdersFeed``: each customer's first order found by the first sales pass over a real warehouse (which reads
/// the lines in key order, not by time), and every fact handed on.
@Suite struct FirstOrdersFeedTests {
    static let de = Market(code: "DE")!, fr = Market(code: "FR")!, gb = Market(code: "GB")!, us = Market(code: "US")!
    static let t0: Int64 = 1_767_225_600  // 2026-01-01 00:00:00 UTC

    static func line(
        _ platform: Platform, _ order: String, _ sku: String, _ market: Market, customer: String?, at seconds: Int64,
        status: OrderStatus = .shipped
    ) -> IngestedFact {
        .orderLine(
            OrderLine(
                provenance: Provenance(file: "orders.txt", line: 2), platform: platform, store: "s", marketplace: "m", market: market,
                orderID: order, orderTime: Timestamp(secondsSinceEpoch: t0 + seconds), status: status, sku: sku, quantity: 1,
                currency: .EUR, itemAmount: Money(micros: 10_000_000), tax: .zero, shippingCharged: .zero, discount: .zero,
                customerKey: customer, sourceUpdatedAt: nil))
    }

    /// Counts what is handed on.
    final class Counter: SalesPassFeed {
        var lines = 0, fees = 0, refunds = 0
        func add(_ line: OrderLine) { lines += 1 }
        func add(_ fee: PlatformFee) { fees += 1 }
        func add(_ refund: Refund) { refunds += 1 }
    }

    /// ck-1: a cancelled line two days earlier (O-2) does not count; at its first instant an Amazon order (O-1, DE) and
    /// a Shopify order (S-9, FR) tie, and the smaller platform name wins. ck-2: O-3 on day 3 has no customer key;
    /// eBay E-1 (US) and Amazon O-4 (GB) tie on day 4, Amazon wins; a later order (O-5, day 9) changes nothing. ck-3:
    /// its only line is cancelled, so it has no first order.
    @Test func firstOrdersOfThePassAndEveryFactHandedOn() throws {
        let day: Int64 = 86_400
        let w = try OrderFactsJoinTests.warehouse([
            Self.line(.shopify, "S-9", "A", Self.fr, customer: "ck-1", at: 3 * day),
            Self.line(.amazon, "O-1", "A", Self.de, customer: "ck-1", at: 3 * day, status: .cancelled),
            Self.line(.amazon, "O-1", "B", Self.de, customer: "ck-1", at: 3 * day),
            Self.line(.amazon, "O-2", "A", Self.de, customer: "ck-1", at: 1 * day, status: .cancelled),
            Self.line(.amazon, "O-3", "A", Self.de, customer: nil, at: 3 * day),
            Self.line(.ebay, "E-1", "A", Self.us, customer: "ck-2", at: 4 * day),
            Self.line(.amazon, "O-4", "A", Self.gb, customer: "ck-2", at: 4 * day),
            Self.line(.amazon, "O-5", "A", Self.gb, customer: "ck-2", at: 9 * day),
            Self.line(.amazon, "O-6", "A", Self.de, customer: "ck-3", at: 2 * day, status: .cancelled),
            OrderFactsJoinTests.fee(.amazon, "O-1", Self.de),
            OrderFactsJoinTests.refund(.amazon, "O-4", Self.gb),
        ])
        let next = Counter()
        let feed = FirstOrdersFeed(zone: .utc, passingOn: next)
        let sales = try SalesComputation(currency: .EUR, fxBase: .EUR, zone: .utc, feeEstimates: [:])
            .start(w, period: nil, alsoFeeding: feed)
        _ = try sales.tables()
        #expect(feed.firstOrders.firstOrders == [
            FirstOrder(customerKey: "ck-1", date: CivilDate(iso: "2026-01-04")!, market: Self.de, platform: .amazon),
            FirstOrder(customerKey: "ck-2", date: CivilDate(iso: "2026-01-05")!, market: Self.gb, platform: .amazon),
        ])
        #expect(feed.firstOrders.newCustomers == [MonthMarket(YearMonth("2026-01")!, Self.de): 1, MonthMarket(YearMonth("2026-01")!, Self.gb): 1])
        #expect((next.lines, next.fees, next.refunds) == (9, 1, 1))
    }
}
