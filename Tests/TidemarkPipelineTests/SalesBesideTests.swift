import Testing
import TidemarkCommerce
import TidemarkMetrics
import TidemarkNormalize

@testable import TidemarkPipeline

/// The sales tables folded on a worker (``SalesBeside``): the figures of what was handed over, in order; a failure
/// on the worker reaches the caller; an abandoned fold stops.
@Suite struct SalesBesideTests {
    static let de = Market(code: "DE")!
    static let fr = Market(code: "FR")!

    static func line(_ order: String, _ sku: String, day: String, qty: Int, amount: Int64) -> OrderLine {
        OrderLine(
            provenance: Provenance(file: "sha-a", line: 2), platform: .amazon, store: "", marketplace: "", market: de, orderID: order,
            orderTime: Timestamp(date: CivilDate(iso: day)!, hour: 12, minute: 0, second: 0, utcOffsetSeconds: 0), status: .shipped,
            sku: sku, quantity: qty, currency: .EUR, itemAmount: Money(micros: amount), tax: .zero, shippingCharged: .zero,
            discount: .zero, customerKey: nil, sourceUpdatedAt: nil)
    }

    static func beside() -> SalesBeside {
        let converter = CurrencyConverter(table: FXTable(base: .EUR, rates: []), target: .EUR)
        return SalesBeside(SalesMarginCalculator(converter: converter, costs: CostBook([]), zone: .utc, feeEstimates: [:]), converter: converter)
    }

    /// Two orders of January in DE (O-1: 2 × A for 40.00 and 1 × B for 5.00; O-2: 1 × A for 20.00) and a refund of
    /// O-1/A for 12.00 in February that names FR: it counts under the order's market handed over with it (DE).
    @Test func tablesHoldWhatWasHandedOver() throws {
        let sales = Self.beside()
        sales.add(Self.line("O-1", "A", day: "2026-01-20", qty: 2, amount: 40_000_000))
        sales.add(Self.line("O-1", "B", day: "2026-01-20", qty: 1, amount: 5_000_000))
        sales.add(
            Refund(
                provenance: Provenance(file: "sha-r", line: 7), platform: .amazon, market: Self.fr, orderID: "O-1", sku: "A",
                refundDate: CivilDate(iso: "2026-02-03")!, amount: Money(micros: 12_000_000), currency: .EUR, unitsReturned: 1, reason: nil),
            orderMarket: Self.de)
        sales.add(Self.line("O-2", "A", day: "2026-01-21", qty: 1, amount: 20_000_000))
        sales.endOfInput()
        let t = try sales.tables()
        let janA = try #require(t.detail.first { $0.month == YearMonth("2026-01")! && $0.sku == "A" })
        #expect(janA.market == Self.de && janA.orders == 2 && janA.units == 3 && janA.grossSales == Money(micros: 60_000_000))
        let janB = try #require(t.detail.first { $0.month == YearMonth("2026-01")! && $0.sku == "B" })
        #expect(janB.orders == 1 && janB.units == 1 && janB.grossSales == Money(micros: 5_000_000))
        let febA = try #require(t.detail.first { $0.month == YearMonth("2026-02")! && $0.sku == "A" })
        #expect(febA.market == Self.de && febA.refunds == Money(micros: 12_000_000) && febA.unitsReturned == 1)
        #expect(!t.detail.contains { $0.market == Self.fr })
        // Asked again: the same tables, without waiting.
        #expect(try sales.tables().detail == t.detail)
    }

    /// The lines of O-1 handed over apart (O-1, O-2, O-1): the worker's check fails the tables with a message.
    @Test func linesOfAnOrderApartFailTheTables() {
        let sales = Self.beside()
        sales.add(Self.line("O-1", "A", day: "2026-01-20", qty: 1, amount: 1_000_000))
        sales.add(Self.line("O-2", "A", day: "2026-01-20", qty: 1, amount: 1_000_000))
        sales.add(Self.line("O-1", "B", day: "2026-01-20", qty: 1, amount: 1_000_000))
        sales.endOfInput()
        #expect(throws: SalesComputationError.self) { try sales.tables() }
    }

    /// A pass that fails part-way abandons the fold: the worker stops without its tables, and abandoning twice is
    /// harmless.
    @Test func anAbandonedFoldStops() {
        let sales = Self.beside()
        for i in 0..<5_000 { sales.add(Self.line(String(format: "O-%05d", i), "A", day: "2026-01-20", qty: 1, amount: 1_000_000)) }
        sales.abandon()
        sales.abandon()
    }
}
