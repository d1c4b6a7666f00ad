import Testing
import TidemarkTestSupport
import TidemarkCommerce
import TidemarkNormalize

@testable import TidemarkMetrics

/// The accumulators that count orders by adjacency (lines of an order one after another, as the warehouse's key
/// order gives them) agree with the ones that keep every order id, on random input in key order.
@Suite struct KeyOrderCountingTests {

    /// Order lines in key order (platform, order id, SKU): orders with 1–4 lines over a few days, markets,
    /// customers and statuses; some lines of an order on another day or market, some without a customer.
    static func lines(seed: UInt64, orders: Int) -> [OrderLine] {
        var rng = SeededRandom(seed: seed)
        var out: [OrderLine] = []
        for platform in [Platform.amazon, .shopify] {
            for o in 0..<orders {
                let id = "O" + String(100_000 + o)
                let day = "2026-03-0" + String(Int.random(in: 1...4, using: &rng))
                let market = [KPI.de, KPI.fr, KPI.us].randomElement(using: &rng)!
                let customer: String? = Int.random(in: 0..<4, using: &rng) == 0 ? nil : "c" + String(Int.random(in: 0..<30, using: &rng))
                for n in 0..<Int.random(in: 1...4, using: &rng) {
                    let otherDay = Int.random(in: 0..<6, using: &rng) == 0
                    out.append(
                        KPI.line(
                            id, otherDay ? "2026-03-05" : day, sku: "S" + String(n), item: Money(micros: Int64.random(in: 0...5_000_000, using: &rng)),
                            customer: Int.random(in: 0..<5, using: &rng) == 0 ? nil : customer,
                            status: Int.random(in: 0..<8, using: &rng) == 0 ? .cancelled : .shipped, platform: platform,
                            market: Int.random(in: 0..<6, using: &rng) == 0 ? KPI.us : market))
                }
            }
        }
        return out
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func funnelCountsOrdersByAdjacencyAsWithOrderIDs(seed: UInt64) {
        let firsts: [String: CivilDate] = Dictionary(uniqueKeysWithValues: (0..<30).map { ("c" + String($0), KPI.d("2026-03-0" + String($0 % 5 + 1))) })
        let calc = FunnelCalculator(zone: .utc, firstOrderDates: firsts)
        let kept = calc.makeAccumulator(), adjacent = calc.makeAccumulator(linesInKeyOrder: true)
        for line in Self.lines(seed: seed, orders: 300) {
            calc.add(line, to: kept)
            calc.add(line, to: adjacent)
        }
        let expected = calc.finish(kept)
        #expect(!expected.isEmpty)
        #expect(expected.contains { ($0.repeatOrders ?? 0) > 0 })
        #expect(calc.finish(adjacent) == expected)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func dailySalesCountOrdersByAdjacencyAsWithOrderIDs(seed: UInt64) {
        let lines = Self.lines(seed: seed, orders: 300)
        let refunds = lines.enumerated().filter { $0.offset % 17 == 0 }.map { l in
            Refund(
                provenance: Provenance(file: "r.csv", line: 2), platform: l.element.platform, market: KPI.de, orderID: l.element.orderID,
                sku: l.element.sku, refundDate: KPI.d("2026-03-06"), amount: Money(micros: 1_000_000), currency: .EUR, unitsReturned: 1, reason: nil)
        }
        var named: [Platform: Set<String>] = [:]
        for r in refunds { named[r.platform, default: []].insert(r.orderID) }
        let kept = DailySalesCollector(converter: KPI.converter(), zone: .utc)
        let adjacent = DailySalesCollector(converter: KPI.converter(), zone: .utc, keepingMarketsOf: named)
        for collector in [kept, adjacent] {
            for line in lines { collector.add(line) }
            for refund in refunds { collector.add(refund) }
        }
        let expected = kept.finish(firstOrders: [])
        #expect(expected.daily.values.contains { $0.values.contains { $0.orders > 1 } })
        let got = adjacent.finish(firstOrders: [])
        #expect(got.daily == expected.daily)
        #expect(got.coverage == expected.coverage)
    }
}
