import Testing
import TidemarkCommerce

@testable import TidemarkMetrics

@Suite("RFM")
struct CLVRFMTests {
    static func input(_ key: String, _ last: String, _ f: Int, _ units: Int64) -> RFMInput {
        RFMInput(customerKey: key, lastPurchase: CivilDate(iso: last)!, frequency: f, monetary: Money(units: units))
    }

    /// Ten customers. Ranked worst → best (ties by key), rank i of 10 scores ⌊5i/10⌋ + 1: ranks 0–1 → 1,
    /// 2–3 → 2, 4–5 → 3, 6–7 → 4, 8–9 → 5.
    ///
    /// Recency (oldest first): c09 01-02, c01 01-05, c05 01-20, c10 02-01, c03 02-10, c07 02-25, c06 03-01,
    /// c02 03-20, c04 03-28, c08 03-28 (tie: c04 before c08) → R 1 1 2 2 3 3 4 4 5 5.
    /// Frequency: c01 1, c04 1, c10 1, c03 2, c07 2, c06 3, c08 4, c05 5, c02 6, c09 7 → F 1 1 2 2 3 3 4 4 5 5.
    /// Monetary: c01 10, c04 15, c10 20, c03 40, c07 60, c06 80, c08 120, c02 250, c05 300, c09 500
    /// → M 1 1 2 2 3 3 4 4 5 5.
    static let customers = [
        input("c01", "2026-01-05", 1, 10), input("c02", "2026-03-20", 6, 250), input("c03", "2026-02-10", 2, 40),
        input("c04", "2026-03-28", 1, 15), input("c05", "2026-01-20", 5, 300), input("c06", "2026-03-01", 3, 80),
        input("c07", "2026-02-25", 2, 60), input("c08", "2026-03-28", 4, 120), input("c09", "2026-01-02", 7, 500),
        input("c10", "2026-02-01", 1, 20),
    ]

    @Test func quintilesAndSegmentsOfTenCustomersByHand() {
        let scores = RFM.score(Self.customers)
        #expect(scores.map(\.customerKey) == (1...10).map { $0 < 10 ? "c0\($0)" : "c10" })
        #expect(scores.map(\.code) == ["111", "454", "322", "511", "245", "433", "333", "544", "155", "222"])
        #expect(
            scores.map(\.segment) == [
                .lost,  // c01 R1 F1
                .champions,  // c02 R4 F5 M4
                .potentialLoyalists,  // c03 R3 F2
                .newCustomers,  // c04 R5 F1
                .atRisk,  // c05 R2 F4
                .potentialLoyalists,  // c06 R4 F3
                .potentialLoyalists,  // c07 R3 F3
                .champions,  // c08 R5 F4 M4
                .cantLoseThem,  // c09 R1 F5
                .hibernating,  // c10 R2 F2
            ])
    }

    @Test func tiesCanShareTheLowestScoreInstead() {
        // Frequency ties: c01, c04, c10 (1 day) share c01's score 1; c03, c07 (2 days) share c03's score 2.
        let scores = RFM.score(Self.customers, ties: .sameValueSameScore)
        let f = Dictionary(uniqueKeysWithValues: scores.map { ($0.customerKey, $0.frequency) })
        #expect(f["c10"] == 1 && f["c07"] == 2)
        // Recency tie c04 / c08 (both 03-28, ranks 8 and 9): both 5 either way.
        let r = Dictionary(uniqueKeysWithValues: scores.map { ($0.customerKey, $0.recency) })
        #expect(r["c04"] == 5 && r["c08"] == 5)
    }

    @Test func theResultDoesNotDependOnInputOrder() {
        #expect(RFM.score(Self.customers.reversed()) == RFM.score(Self.customers))
    }

    @Test(arguments: [
        (5, 5, 5, RFMSegment.champions), (4, 4, 3, .loyal), (3, 5, 1, .loyal), (1, 4, 5, .cantLoseThem),
        (2, 4, 5, .atRisk), (1, 3, 1, .atRisk), (5, 1, 5, .newCustomers), (3, 2, 1, .potentialLoyalists),
        (3, 1, 1, .hibernating), (2, 2, 2, .hibernating), (1, 2, 5, .lost), (1, 1, 1, .lost),
    ])
    func segmentRules(r: Int, f: Int, m: Int, segment: RFMSegment) {
        #expect(RFMSegment.classify(recency: r, frequency: f, monetary: m) == segment)
    }

    @Test func everySegmentIsReachable() {
        var seen = Set<RFMSegment>()
        for r in 1...5 { for f in 1...5 { for m in 1...5 { seen.insert(RFMSegment.classify(recency: r, frequency: f, monetary: m)) } } }
        #expect(seen == Set(RFMSegment.allCases))
    }

    @Test func fewerThanFiveCustomersSkipScores() {
        // n = 2: ranks 0 and 1 → ⌊0⌋ + 1 = 1 and ⌊5/2⌋ + 1 = 3.
        let s = RFM.score([Self.input("a", "2026-01-01", 1, 5), Self.input("b", "2026-01-02", 2, 6)])
        #expect(s.map(\.code) == ["111", "333"])
        #expect(RFM.score([]).isEmpty)
    }

    @Test func inputFromTransactionsCountsPurchaseDaysUpToTheAsOfDate() {
        let t = CustomerTransactions.build(from: [
            CLVPurchase(customerKey: "k", date: CivilDate(iso: "2026-01-01")!, amount: Money(units: 5)),
            CLVPurchase(customerKey: "k", date: CivilDate(iso: "2026-01-01")!, amount: Money(units: 7)),
            CLVPurchase(customerKey: "k", date: CivilDate(iso: "2026-02-01")!, amount: Money(units: 3)),
            CLVPurchase(customerKey: "k", date: CivilDate(iso: "2026-03-01")!, amount: Money(units: 100)),
        ])[0]
        // Up to 02-15: days 01-01 (5 + 7) and 02-01 (3): frequency 2, monetary 15, last 02-01.
        #expect(RFMInput(t, asOf: CivilDate(iso: "2026-02-15")!) == Self.input("k", "2026-02-01", 2, 15))
        #expect(RFMInput(t, asOf: CivilDate(iso: "2025-12-31")!) == nil)
    }
}
