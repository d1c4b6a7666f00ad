import Foundation
import Testing
@testable import TidemarkCommerce
import TidemarkIngest

@testable import TidemarkWarehouse

private typealias D = WarehouseTestData

@Suite("FactLoader")
struct FactLoaderTests {
    /// File ranks as PipelineRunner builds them: zero-padded modification time, then name.
    static let olderRank = "000000001000|orders-old.txt"
    static let newerRank = "000000002000|orders-new.txt"

    private func freshRun() throws -> Warehouse {
        let w = try Warehouse(path: D.newWarehousePath())
        _ = try w.beginRun(pipeline: "p", startedAt: "t0")
        return w
    }

    // MARK: Overlapping exports

    @Test func aNewerExportReplacesTheOlderRowAndCountsIt() throws {
        let w = try freshRun()
        let old = try D.load(
            [.orderLine(D.line(order: "O-1", sku: "A", amount: Money(micros: 10_000_000), status: .placed)),
             .orderLine(D.line(order: "O-2", sku: "A"))],
            into: w, file: "orders-old.txt", sha256: "sha-old", exportRank: Self.olderRank)
        let new = try D.load(
            [.orderLine(D.line(order: "O-1", sku: "A", amount: Money(micros: 12_000_000), status: .shipped, sourceLine: 9))],
            into: w, file: "orders-new.txt", sha256: "sha-new", exportRank: Self.newerRank)
        try w.commitRun(finishedAt: "t1", status: "success")

        #expect(old.rowsSuperseded == 0)
        #expect(new.rowsSuperseded == 1)
        let lines = try D.orderLines(w)
        #expect(lines.map(\.orderID) == ["O-1", "O-2"])  // one row per natural key
        let o1 = lines[0]
        #expect(o1.itemAmount == Money(micros: 12_000_000))
        #expect(o1.status == .shipped)
        #expect(o1.provenance == Provenance(file: "sha-new", line: 9))
        // rows_superseded is stored with the file.
        let stored = try w.loadedFiles().first { $0.sha256 == "sha-new" }
        #expect(stored?.rowsSuperseded == 1)
    }

    @Test func anOlderExportLoadedAfterANewerOneIsKeptOutAndCounted() throws {
        let w = try freshRun()
        try D.load(
            [.orderLine(D.line(order: "O-1", sku: "A", amount: Money(micros: 12_000_000), status: .shipped))],
            into: w, file: "orders-new.txt", sha256: "sha-new", exportRank: Self.newerRank)
        let old = try D.load(
            [.orderLine(D.line(order: "O-1", sku: "A", amount: Money(micros: 10_000_000), status: .placed)),
             .orderLine(D.line(order: "O-3", sku: "B"))],
            into: w, file: "orders-old.txt", sha256: "sha-old", exportRank: Self.olderRank)
        try w.commitRun(finishedAt: "t1", status: "success")

        #expect(old.rowsSuperseded == 1)  // its O-1 row met a newer one
        let lines = try D.orderLines(w)
        #expect(lines.map(\.orderID) == ["O-1", "O-3"])
        #expect(lines[0].itemAmount == Money(micros: 12_000_000))
        #expect(lines[0].status == .shipped)
        #expect(lines[0].provenance.file == "sha-new")
        #expect(try w.loadedFiles().first { $0.sha256 == "sha-old" }?.rowsSuperseded == 1)
    }

    @Test func theRowsOwnUpdateTimeOutranksTheFilesRank() throws {
        // product.md: newest by the export's own update time where the format has one, else file time.
        let w = try freshRun()
        let newerRow = D.time(3600)
        let olderRow = D.time(60)
        try D.load(
            [.orderLine(D.line(order: "O-1", sku: "A", amount: Money(micros: 15_000_000), updatedAt: newerRow))],
            into: w, file: "orders-old.txt", sha256: "sha-old", exportRank: Self.olderRank)
        let later = try D.load(
            [.orderLine(D.line(order: "O-1", sku: "A", amount: Money(micros: 11_000_000), updatedAt: olderRow))],
            into: w, file: "orders-new.txt", sha256: "sha-new", exportRank: Self.newerRank)
        #expect(later.rowsSuperseded == 1)
        #expect(try D.orderLines(w).map(\.itemAmount) == [Money(micros: 15_000_000)])
        w.rollbackRun()
    }

    @Test func repeatedLinesOfOneOrderInOneFileAreKeptAsSeparateRows() throws {
        let w = try freshRun()
        let rec = try D.load(
            [.orderLine(D.line(order: "O-1", sku: "A", quantity: 1, amount: Money(micros: 10_000_000), sourceLine: 2)),
             .orderLine(D.line(order: "O-1", sku: "A", quantity: 2, amount: Money(micros: 18_000_000), sourceLine: 3))],
            into: w, file: "orders-old.txt", sha256: "sha-old", exportRank: Self.olderRank)
        #expect(rec.rowsSuperseded == 0)
        let lines = try D.orderLines(w)
        #expect(lines.count == 2)
        #expect(lines.map(\.quantity) == [1, 2])
        #expect(lines.map(\.provenance.line) == [2, 3])
        let seqs = try w.db.prepare("SELECT item_seq FROM order_lines ORDER BY item_seq")
        var found: [Int64] = []
        while try seqs.step() { found.append(seqs.int64(0)) }
        #expect(found == [0, 1])

        // The same two lines in a newer export replace both, one for one.
        let newer = try D.load(
            [.orderLine(D.line(order: "O-1", sku: "A", quantity: 1, amount: Money(micros: 9_000_000))),
             .orderLine(D.line(order: "O-1", sku: "A", quantity: 2, amount: Money(micros: 17_000_000)))],
            into: w, file: "orders-new.txt", sha256: "sha-new", exportRank: Self.newerRank)
        #expect(newer.rowsSuperseded == 2)
        #expect(try D.orderLines(w).map(\.itemAmount) == [Money(micros: 9_000_000), Money(micros: 17_000_000)])
        w.rollbackRun()
    }

    // MARK: Exact money

    @Test(arguments: [
        Int64(1),  // 0.000001
        -12_345_678,  // -12.345678
        9_000_000_000_500_000,  // 9 000 000 000.5
        0,
        Int64.max,
        Int64.min + 1,
    ])
    func moneyRoundTripsExactlyThroughIntegerMicros(micros: Int64) throws {
        let w = try freshRun()
        let m = Money(micros: micros)
        try D.load(
            [.orderLine(D.line(order: "O-1", sku: "A", amount: m, tax: m, shipping: m, discount: m)),
             .unitCost(UnitCost(provenance: Provenance(file: "c", line: 2), sku: "A", market: nil, validFrom: CivilDate(iso: "2026-01-01")!, unitCost: m.magnitude, currency: .EUR))],
            into: w, file: "a.txt", sha256: "sha-a")
        let line = try #require(try D.orderLines(w).first)
        #expect(line.itemAmount == m)
        #expect(line.tax == m)
        #expect(line.shippingCharged == m)
        #expect(line.discount == m)
        #expect(try w.unitCosts().first?.unitCost == m.magnitude)
        // Stored as SQLite integers, never as REAL.
        let types = try w.db.prepare(
            "SELECT typeof(item_amount_micros), typeof(tax_micros), typeof(shipping_micros), typeof(discount_micros) FROM order_lines")
        #expect(try types.step())
        for c in Int32(0)..<4 { #expect(types.text(c) == "integer") }
        #expect(try w.db.scalarInt("SELECT count(*) FROM unit_costs WHERE typeof(unit_cost_micros) <> 'integer'") == 0)
        w.rollbackRun()
    }

    @Test func ratesAreStoredAsScaledIntegers() throws {
        let w = try freshRun()
        try D.load(
            [.fxRate(FXRate(date: CivilDate(iso: "2026-01-02")!, base: .EUR, currency: .USD, rate: ExchangeRate(scaled: 10_823_000_001)!))],
            into: w, file: "fx.csv", sha256: "sha-fx")
        #expect(try w.db.scalarInt("SELECT rate_scaled FROM ref_fx_rates") == 10_823_000_001)
        #expect(try w.db.scalarInt("SELECT count(*) FROM ref_fx_rates WHERE typeof(rate_scaled) <> 'integer'") == 0)
        w.rollbackRun()
    }

    @Test func factKindsWithoutATableAreRefusedNotDropped() throws {
        let w = try freshRun()
        let refund = Refund(
            provenance: Provenance(file: "r", line: 2), platform: .amazon, market: Market(code: "DE")!, orderID: "O-1",
            sku: "A", refundDate: CivilDate(iso: "2026-01-20")!, amount: Money(micros: 1_000_000), currency: .EUR,
            unitsReturned: 1, reason: nil)
        #expect(throws: WarehouseError.self) {
            try D.load([.refund(refund)], into: w, file: "refunds.txt", sha256: "sha-r")
        }
        #expect(try w.loadedFileName(sha256: "sha-r") == nil)
        w.rollbackRun()
    }
}
