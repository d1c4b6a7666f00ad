import Foundation
import Testing
import TidemarkCommerce
import TidemarkIngest

@testable import TidemarkWarehouse

private typealias D = WarehouseTestData

@Suite("Warehouse reads")
struct WarehouseReadsTests {
    /// Three lines at t, t+1 h and t+2 h (t = 2026-01-15T12:00:00Z), keyed so key order ≠ time order.
    private func threeLines() throws -> Warehouse {
        try D.committed([
            .orderLine(D.line(order: "O-3", sku: "A", at: D.time(0))),
            .orderLine(D.line(order: "O-1", sku: "A", at: D.time(3600))),
            .orderLine(D.line(order: "O-2", sku: "A", at: D.time(7200))),
        ])
    }

    private func orders(_ w: Warehouse, from: Timestamp?, to: Timestamp?) throws -> [String] {
        var out: [String] = []
        try w.forEachOrderLine(from: from, to: to) { out.append($0.orderID) }
        return out
    }

    @Test func forEachOrderLineWithoutBoundsVisitsEveryLineInKeyOrder() throws {
        let w = try threeLines()
        #expect(try orders(w, from: nil, to: nil) == ["O-1", "O-2", "O-3"])
    }

    @Test func forEachOrderLineIncludesTheLowerBoundAndExcludesTheUpper() throws {
        let w = try threeLines()
        // [t+1h, t+2h): only O-1 (at t+1h); O-2 sits exactly on the excluded upper bound.
        #expect(try orders(w, from: D.time(3600), to: D.time(7200)) == ["O-1"])
        // One second more on each side: O-2 in, O-1 out.
        #expect(try orders(w, from: D.time(3601), to: D.time(7201)) == ["O-2"])
        #expect(try orders(w, from: D.time(3600), to: nil) == ["O-1", "O-2"])
        #expect(try orders(w, from: nil, to: D.time(3600)) == ["O-3"])
        #expect(try orders(w, from: D.time(9999), to: nil) == [])
    }

    @Test func orderLinesComeBackWithEveryField() throws {
        let w = try Warehouse(path: D.newWarehousePath())
        _ = try w.beginRun(pipeline: "p", startedAt: "t0")
        let original = D.line(
            order: "O-1", sku: "SKU-Ä", quantity: 3, amount: Money(micros: 29_970_000), tax: Money(micros: 5_694_300),
            shipping: Money(micros: 4_990_000), discount: Money(micros: 1_500_000), currency: .USD, market: "US",
            at: D.time(-1), status: .placed, sourceLine: 17)
        try D.load([.orderLine(original)], into: w, file: "a.txt", sha256: "sha-a")
        let back = try #require(try D.orderLines(w).first)
        var expected = original
        expected.provenance = Provenance(file: "sha-a", line: 17)  // provenance names the fingerprint
        expected.sourceUpdatedAt = nil  // not stored
        #expect(back == expected)
        w.rollbackRun()
    }

    @Test func fxRatesRoundTrip() throws {
        let w = try Warehouse(path: D.newWarehousePath())
        _ = try w.beginRun(pipeline: "p", startedAt: "t0")
        let rates = [
            FXRate(date: CivilDate(iso: "2026-01-02")!, base: .EUR, currency: .USD, rate: ExchangeRate(scaled: 10_823_000_000)!),
            FXRate(date: CivilDate(iso: "2026-01-02")!, base: .EUR, currency: .JPY, rate: ExchangeRate(scaled: 1_625_400_000_000)!),
            FXRate(date: CivilDate(iso: "2026-01-05")!, base: .EUR, currency: .USD, rate: ExchangeRate(scaled: 10_799_000_000)!),
        ]
        try D.load(rates.map { .fxRate($0) }, into: w, file: "fx.csv", sha256: "sha-fx")
        try w.commitRun(finishedAt: "t1", status: "success")
        // Sorted by base, currency, date.
        #expect(try w.fxRates() == [rates[1], rates[0], rates[2]])
    }

    @Test func aLaterRateForTheSameDayReplacesTheEarlierOne() throws {
        let w = try Warehouse(path: D.newWarehousePath())
        _ = try w.beginRun(pipeline: "p", startedAt: "t0")
        let day = CivilDate(iso: "2026-01-02")!
        try D.load([.fxRate(FXRate(date: day, base: .EUR, currency: .USD, rate: ExchangeRate(scaled: 10_000_000_000)!))], into: w, file: "fx1.csv", sha256: "sha-1")
        try D.load([.fxRate(FXRate(date: day, base: .EUR, currency: .USD, rate: ExchangeRate(scaled: 11_000_000_000)!))], into: w, file: "fx2.csv", sha256: "sha-2")
        #expect(try w.fxRates().map(\.rate.scaled) == [11_000_000_000])
        w.rollbackRun()
    }

    @Test func unitCostsRoundTripWithGenericAndMarketSpecificCosts() throws {
        let w = try Warehouse(path: D.newWarehousePath())
        _ = try w.beginRun(pipeline: "p", startedAt: "t0")
        let generic = UnitCost(provenance: Provenance(file: "costs.csv", line: 2), sku: "A", market: nil, validFrom: CivilDate(iso: "2026-01-01")!, unitCost: Money(micros: 4_000_000), currency: .EUR)
        let german = UnitCost(provenance: Provenance(file: "costs.csv", line: 3), sku: "A", market: Market(code: "DE")!, validFrom: CivilDate(iso: "2026-01-15")!, unitCost: Money(micros: 4_400_001), currency: .EUR)
        let usd = UnitCost(provenance: Provenance(file: "costs.csv", line: 4), sku: "B", market: nil, validFrom: CivilDate(iso: "2025-12-31")!, unitCost: Money(micros: 3_000_000), currency: .USD)
        try D.load([.unitCost(usd), .unitCost(german), .unitCost(generic)], into: w, file: "costs.csv", sha256: "sha-c")
        try w.commitRun(finishedAt: "t1", status: "success")
        let back = try w.unitCosts()
        // Sorted by sku, market ("" for generic first), valid_from; provenance is the fingerprint, line 0.
        func stored(_ c: UnitCost) -> UnitCost {
            var c = c
            c.provenance = Provenance(file: "sha-c", line: 0)
            return c
        }
        #expect(back == [stored(generic), stored(german), stored(usd)])
    }
}
