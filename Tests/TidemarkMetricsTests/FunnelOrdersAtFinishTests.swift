import Testing
import TidemarkCommerce
import TidemarkNormalize
import TidemarkTestSupport

@testable import TidemarkMetrics

/// The funnel's order accumulator that decides repeat orders at the end (``FunnelCalculator/makeOrderAccumulator()``,
/// fed in the same pass that finds the first orders) against hand-worked counts and against the line-by-line
/// accumulator given the first-order dates up front.
@Suite struct FunnelOrdersAtFinishTests {
    /// Lines in key order (platform, order id). c1's first order (2026-01-10) is not among them; c2, c3 and c4 first
    /// order on 2026-03-02; c3 orders twice that day (S2 is not a repeat); O6 (c4) has lines in DE and FR; O7's first
    /// line has no customer key, its second names c2; O4 is cancelled.
    static let lines: [OrderLine] = [
        KPI.line("O1", "2026-03-02", sku: "X", customer: "c1"),
        KPI.line("O1", "2026-03-02", sku: "Y", customer: "c1"),
        KPI.line("O2", "2026-03-02", customer: "c2"),
        KPI.line("O3", "2026-03-02"),
        KPI.line("O4", "2026-03-02", customer: "c1", status: .cancelled),
        KPI.line("O5", "2026-03-02", customer: "c3", hour: 9),
        KPI.line("O6", "2026-03-02", sku: "X", customer: "c4"),
        KPI.line("O6", "2026-03-02", sku: "Y", customer: "c4", market: KPI.fr),
        KPI.line("O7", "2026-03-05", sku: "X"),
        KPI.line("O7", "2026-03-05", sku: "Y", customer: "c2"),
        KPI.line("S1", "2026-03-05", customer: "c3"),
        KPI.line("S2", "2026-03-02", customer: "c3", hour: 18),
        KPI.line("S3", "2026-03-05", customer: "c2"),
    ]

    static let firsts: [String: CivilDate] = [
        "c1": KPI.d("2026-01-10"), "c2": KPI.d("2026-03-02"), "c3": KPI.d("2026-03-02"), "c4": KPI.d("2026-03-02"),
    ]

    static func atFinish(_ lines: [OrderLine], firsts: [String: CivilDate]) -> [FunnelRow] {
        let calc = FunnelCalculator(zone: .utc, firstOrderDates: [:])
        let acc = calc.makeAccumulator(), orders = calc.makeOrderAccumulator()
        calc.add(KPI.traffic("2026-03-02", .amazon, sessions: 200), to: acc)
        calc.add(KPI.ad("2026-03-05", "amazon_ads", impressions: 1_000, clicks: 40, spend: cents(20_00)), to: acc)
        for l in lines { calc.add(l, to: orders) }
        return calc.finish(acc, orders: orders, firstOrderDates: firsts)
    }

    static func lineByLine(_ lines: [OrderLine], firsts: [String: CivilDate]) -> [FunnelRow] {
        let calc = FunnelCalculator(zone: .utc, firstOrderDates: firsts)
        let acc = calc.makeAccumulator(linesInKeyOrder: true)
        calc.add(KPI.traffic("2026-03-02", .amazon, sessions: 200), to: acc)
        calc.add(KPI.ad("2026-03-05", "amazon_ads", impressions: 1_000, clicks: 40, spend: cents(20_00)), to: acc)
        for l in lines { calc.add(l, to: acc) }
        return calc.finish(acc)
    }

    @Test func repeatOrdersDecidedAtTheEndMatchTheHandCount() throws {
        let rows = Self.atFinish(Self.lines, firsts: Self.firsts)
        #expect(rows.map { "\($0.date) \($0.market.code) \($0.platform)" } == ["2026-03-02 DE amazon", "2026-03-02 FR amazon", "2026-03-05 DE amazon"])
        // 2 March, DE: O1 O2 O3 O5 S2 O6 (O4 cancelled); identified all but O3; only O1 (c1, first in January) repeats.
        let de2 = rows[0]
        #expect(de2.orders == 6 && de2.repeatOrders == 1 && de2.sessions == 200)
        // O6's FR line: c4's first order, counted in FR too, not a repeat.
        #expect(rows[1].orders == 1 && rows[1].repeatOrders == 0)
        // 5 March: O7 (c2 from its second line), S1 (c3), S3 (c2): all after their customers' first day.
        #expect(rows[2].orders == 3 && rows[2].repeatOrders == 3 && rows[2].impressions == 1_000 && rows[2].clicks == 40)
        #expect(rows == Self.lineByLine(Self.lines, firsts: Self.firsts))
    }

    @Test func onlyTheEarliestDaySeenCanHoldFirstOrders() throws {
        // Without the 2 March lines, c2's and c3's first orders lie outside the lines counted: everything repeats.
        let later = Self.lines.filter { $0.orderTime.secondsSinceEpoch >= Timestamp(date: KPI.d("2026-03-03"), hour: 0, minute: 0, second: 0, utcOffsetSeconds: 0).secondsSinceEpoch }
        let rows = Self.atFinish(later, firsts: Self.firsts)
        #expect(rows.count == 2)  // the traffic day and 5 March
        #expect(rows[1].orders == 3 && rows[1].repeatOrders == 3)
        #expect(rows == Self.lineByLine(later, firsts: Self.firsts))
    }

    @Test func agreesWithTheLineByLineCountOnRandomOrders() {
        for seed in UInt64(1)...20 {
            var g = SeededRandom(seed: seed)
            var lines: [OrderLine] = []
            var firsts = FirstOrders(zone: .utc)
            for platform in [Platform.amazon, .ebay] {
                for n in 0..<200 {
                    let day = ["2026-03-01", "2026-03-02", "2026-03-05", "2026-04-02"][Int.random(in: 0..<4, using: &g)]
                    let hour = Int.random(in: 0..<24, using: &g)
                    for i in 0..<Int.random(in: 1...3, using: &g) {
                        let customer = Int.random(in: 0..<5, using: &g) == 0 ? nil : "c\(Int.random(in: 0..<40, using: &g))"
                        let status: OrderStatus = Int.random(in: 0..<8, using: &g) == 0 ? .cancelled : .shipped
                        let market = Int.random(in: 0..<4, using: &g) == 0 ? KPI.fr : KPI.de
                        let line = KPI.line("O-\(1000 + n)", day, sku: "S\(i)", customer: customer, status: status, platform: platform, market: market, hour: hour)
                        lines.append(line)
                        firsts.add(line)
                    }
                }
            }
            let dates = firsts.firstOrderDates
            #expect(Self.atFinish(lines, firsts: dates) == Self.lineByLine(lines, firsts: dates), "seed \(seed)")
            // A period that leaves some first orders out.
            let fromSecondMarch = lines.filter { $0.orderTime.secondsSinceEpoch >= Timestamp(date: KPI.d("2026-03-02"), hour: 0, minute: 0, second: 0, utcOffsetSeconds: 0).secondsSinceEpoch }
            #expect(Self.atFinish(fromSecondMarch, firsts: dates) == Self.lineByLine(fromSecondMarch, firsts: dates), "seed \(seed), from 2 March")
        }
    }
}
