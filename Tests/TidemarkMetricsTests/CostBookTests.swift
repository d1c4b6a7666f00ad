import Testing
import TidemarkCommerce

@testable import TidemarkMetrics

@Suite("CostBook")
struct CostBookTests {
    static let de = Market(code: "DE")!
    static let fr = Market(code: "FR")!

    static func cost(_ sku: String, _ market: String?, from: String, _ micros: Int64, _ currency: Currency = .EUR) -> UnitCost {
        UnitCost(
            provenance: Provenance(file: "costs.csv", line: 2), sku: sku, market: market.map { Market(code: $0)! },
            validFrom: CivilDate(iso: from)!, unitCost: Money(micros: micros), currency: currency)
    }

    static func on(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    /// SKU A: generic 4.00 EUR from 2026-01-01, 4.40 EUR from 2026-01-16; DE-specific 5.00 USD from 2026-02-01.
    /// SKU B: generic 3.00 USD from 2025-06-01 only. SKU C: DE-specific 2.00 EUR only.
    static let book = CostBook([
        cost("A", nil, from: "2026-01-16", 4_400_000),  // given out of order on purpose
        cost("A", nil, from: "2026-01-01", 4_000_000),
        cost("A", "DE", from: "2026-02-01", 5_000_000, .USD),
        cost("B", nil, from: "2025-06-01", 3_000_000, .USD),
        cost("C", "DE", from: "2026-01-01", 2_000_000),
    ])

    @Test func aGenericCostAppliesInEveryMarket() {
        let de = Self.book.cost(sku: "B", market: Self.de, on: Self.on("2026-01-10"))
        let fr = Self.book.cost(sku: "B", market: Self.fr, on: Self.on("2026-01-10"))
        #expect(de?.0 == Money(micros: 3_000_000) && de?.1 == .USD)
        #expect(fr?.0 == Money(micros: 3_000_000) && fr?.1 == .USD)
    }

    @Test func aMarketSpecificCostIsPreferredOverTheGenericOne() {
        // 2026-02-10 in DE: the DE cost (5.00 USD) wins over the generic 4.40 EUR.
        let c = Self.book.cost(sku: "A", market: Self.de, on: Self.on("2026-02-10"))
        #expect(c?.0 == Money(micros: 5_000_000))
        #expect(c?.1 == .USD)
        // In FR there is no specific cost: the generic one.
        #expect(Self.book.cost(sku: "A", market: Self.fr, on: Self.on("2026-02-10"))?.0 == Money(micros: 4_400_000))
    }

    @Test(arguments: [
        ("2025-12-31", nil),  // before the first cost: none
        ("2026-01-01", 4_000_000),  // first day of the first cost
        ("2026-01-15", 4_000_000),  // last day before the change
        ("2026-01-16", 4_400_000),  // the change takes effect on its valid-from date
        ("2026-01-31", 4_400_000),
    ] as [(String, Int64?)])
    func aCostChangeMidMonthPicksTheCostValidOnTheDate(date: String, micros: Int64?) {
        let c = Self.book.cost(sku: "A", market: Self.fr, on: Self.on(date))
        #expect(c?.0.micros == micros)
    }

    @Test func aMarketSpecificCostNotYetValidFallsBackToTheGenericOne() {
        // The DE cost starts 2026-02-01; on 2026-01-20 the generic 4.40 EUR applies.
        let c = Self.book.cost(sku: "A", market: Self.de, on: Self.on("2026-01-20"))
        #expect(c?.0 == Money(micros: 4_400_000))
        #expect(c?.1 == .EUR)
    }

    @Test func noCostGivesNil() {
        #expect(Self.book.cost(sku: "UNKNOWN", market: Self.de, on: Self.on("2026-01-20")) == nil)
        // C has only a DE cost: none for FR, and none in DE before it starts.
        #expect(Self.book.cost(sku: "C", market: Self.fr, on: Self.on("2026-01-20")) == nil)
        #expect(Self.book.cost(sku: "C", market: Self.de, on: Self.on("2025-12-31")) == nil)
        #expect(Self.book.cost(sku: "C", market: Self.de, on: Self.on("2026-01-01"))?.0 == Money(micros: 2_000_000))
        #expect(CostBook([]).cost(sku: "A", market: Self.de, on: Self.on("2026-01-20")) == nil)
    }
}

extension CostBookTests {
    /// A schedule looked up once gives, on every date, what the book gives for that SKU, market and date.
    @Test func aScheduleAgreesWithTheBookOnEveryDate() {
        for sku in ["A", "B", "C", "none"] {
            for market in [Self.de, Self.fr] {
                let schedule = Self.book.schedule(sku: sku, market: market)
                var day = Self.on("2025-05-25")
                while day <= Self.on("2026-03-01") {
                    let a = schedule.cost(on: day), b = Self.book.cost(sku: sku, market: market, on: day)
                    #expect(a?.0 == b?.0 && a?.1 == b?.1)
                    day = day.advanced(by: 1)
                }
            }
        }
    }
}
