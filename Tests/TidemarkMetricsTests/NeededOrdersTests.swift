import Testing
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkMetrics

/// ``NeededOrders`` walked in key order answers as its set does, ASCII ids or not, in key order or not.
@Suite struct NeededOrdersTests {
    static func ids(_ rng: inout SeededRandom, _ n: Int, ascii: Bool) -> [String] {
        (0..<n).map { _ in
            let id = String(Int.random(in: 100...999, using: &rng)) + "-" + String(Int.random(in: 0...99_999, using: &rng))
            return ascii || Int.random(in: 0..<5, using: &rng) > 0 ? id : id + "é"
        }
    }

    @Test(arguments: [true, false]) func agreesWithTheSet(ascii: Bool) {
        var rng = SeededRandom(seed: ascii ? 1 : 2)
        let platforms: [Platform] = [.amazon, .shopify]
        var named: [Platform: Set<String>] = [:]
        for p in platforms { named[p] = Set(Self.ids(&rng, 300, ascii: ascii)) }
        let set = Set(named.flatMap { p, ids in ids.map { OrderRef(platform: p, orderID: $0) } })
        // Every order of the lines: the named ones and as many others, in key order (platform name, id bytes).
        var orders: [OrderRef] = []
        for p in platforms { for id in Set(named[p]!).union(Self.ids(&rng, 300, ascii: ascii)) { orders.append(OrderRef(platform: p, orderID: id)) } }
        orders.sort { $0.platform != $1.platform ? $0.platform.name < $1.platform.name : precedesByBytes($0.orderID, $1.orderID) }
        var needed = NeededOrders(named)
        for ref in orders { #expect(needed.contains(ref, inKeyOrder: true) == set.contains(ref)) }
        // Out of key order the set answers.
        var again = NeededOrders(named)
        for ref in orders.shuffled(using: &rng) { #expect(again.contains(ref, inKeyOrder: false) == set.contains(ref)) }
    }
}
