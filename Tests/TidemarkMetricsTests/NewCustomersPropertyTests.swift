import Testing
import TidemarkCommerce

@testable import TidemarkMetrics

/// Property (issue #8): new customers summed over a year's months and markets equal the number of distinct
/// customers whose first order over all history falls in that year — computed here independently, by sorting each
/// customer's order dates.
@Suite struct NewCustomersPropertyTests {
    /// A small deterministic generator (64-bit LCG), so failures reproduce.
    struct LCG {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test(arguments: [1, 7, 42, 2026])
    func newCustomersOverAYearEqualDistinctFirstOrdersInThatYear(seed: Int) {
        var rng = LCG(state: UInt64(seed))
        let markets = ["DE", "FR", "US", "GB"].map { Market(code: $0)! }
        let start = CivilDate(iso: "2025-06-01")!
        var lines: [OrderLine] = []
        var datesByCustomer: [String: [CivilDate]] = [:]
        for n in 0..<600 {
            let customer = "c\(rng.next(120))"
            let date = start.advanced(by: rng.next(700))  // 2025-06-01 … 2027-04-30
            let cancelled = rng.next(10) == 0
            lines.append(OrderLine(
                provenance: Provenance(file: "t", line: n), platform: rng.next(2) == 0 ? .amazon : .shopify, store: "", marketplace: "",
                market: markets[rng.next(markets.count)], orderID: "O\(n)",
                orderTime: Timestamp(date: date, hour: rng.next(24), minute: 0, second: 0, utcOffsetSeconds: 0),
                status: cancelled ? .cancelled : .shipped, sku: "S", quantity: 1, currency: .EUR, itemAmount: Money(units: 10),
                tax: .zero, shippingCharged: .zero, discount: .zero, customerKey: customer, sourceUpdatedAt: nil))
            if !cancelled { datesByCustomer[customer, default: []].append(date) }
        }
        var firsts = FirstOrders(zone: .utc)
        for line in lines.shuffled(using: &rng) { firsts.add(line) }
        for year in [2025, 2026, 2027] {
            // Independent count: customers whose earliest non-cancelled order date is in `year`.
            let expected = datesByCustomer.values.filter { $0.min()!.components.year == year }.count
            let counted = firsts.newCustomers.filter { $0.key.month.year == year }.reduce(0) { $0 + $1.value }
            #expect(counted == expected, "seed \(seed), year \(year)")
        }
    }
}

extension NewCustomersPropertyTests.LCG: RandomNumberGenerator {
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state
    }
}
