import Foundation
import Testing
import TidemarkCommerce
import TidemarkIngest

@testable import TidemarkWarehouse

private typealias D = WarehouseTestData

/// A refund's money (payment reports: settlement, Date Range, no units) and a return's units (returns reports, no
/// money) of one order, SKU and day are two facts (migration 6): neither replaces the other, whichever file is
/// newer, while two exports of the same kind still settle on the newer one.
@Suite("Refund kinds")
struct RefundKindTests {
    static let day = CivilDate(iso: "2026-09-03")!

    /// The money of a return as a settlement gives it: 27.99 EUR, no units.
    static let money = Refund(
        provenance: Provenance(file: "settlement.txt", line: 5), platform: .amazon, market: Market(code: "DE")!, orderID: "302-1234567-1234567",
        sku: "CANDLE-1", refundDate: day, amount: Money(micros: 27_990_000), currency: .EUR, unitsReturned: 0, reason: nil)
    /// Its units as the returns report gives them: 1 unit, no money.
    static let units = Refund(
        provenance: Provenance(file: "returns.txt", line: 2), platform: .amazon, market: Market(code: "DE")!, orderID: "302-1234567-1234567",
        sku: "CANDLE-1", refundDate: day, amount: .zero, currency: .EUR, unitsReturned: 1, reason: "Damaged")

    static func refunds(_ w: Warehouse) throws -> [Refund] {
        var out: [Refund] = []
        try w.forEachRefund { out.append($0) }
        return out
    }

    @Test(arguments: [false, true])
    func moneyAndUnitsOfOneReturnAreBothKept(unitsFirst: Bool) throws {
        let w = try Warehouse(path: D.newWarehousePath())
        _ = try w.beginRun(pipeline: "p", startedAt: "t0")
        let files = unitsFirst
            ? [(Self.units, "returns.txt", "sha-r"), (Self.money, "settlement.txt", "sha-s")]
            : [(Self.money, "settlement.txt", "sha-s"), (Self.units, "returns.txt", "sha-r")]
        var overlaps = 0
        for (i, (refund, file, sha)) in files.enumerated() {
            overlaps += try D.load([.refund(refund)], into: w, file: file, sha256: sha, exportRank: "00000000000\(i)|\(file)").rowsSuperseded
        }
        try w.commitRun(finishedAt: "t1", status: "success")
        let stored = try Self.refunds(w)
        #expect(overlaps == 0)
        // Key order puts the money row before the units row.
        #expect(stored.map(\.amount) == [Money(micros: 27_990_000), .zero])
        #expect(stored.map(\.unitsReturned) == [0, 1])
        #expect(stored.map(\.kind) == [.money, .units])
    }

    @Test func aNewerExportOfTheSameKindStillReplacesTheOlder() throws {
        let w = try Warehouse(path: D.newWarehousePath())
        _ = try w.beginRun(pipeline: "p", startedAt: "t0")
        try D.load([.refund(Self.money), .refund(Self.units)], into: w, file: "old.txt", sha256: "sha-old", exportRank: "000000000001|old.txt")
        var corrected = Self.units
        corrected.unitsReturned = 2
        let newer = try D.load([.refund(corrected)], into: w, file: "new.txt", sha256: "sha-new", exportRank: "000000000002|new.txt")
        try w.commitRun(finishedAt: "t1", status: "success")
        #expect(newer.rowsSuperseded == 1)
        #expect(try Self.refunds(w).map(\.unitsReturned) == [0, 2])
    }

    @Test func migrationSixSortsStoredRowsIntoKinds() throws {
        // A version-5 warehouse holding a money row and, on another SKU, a units row.
        let path = try D.olderWarehouse(
            version: 5,
            rows: """
            INSERT INTO run_ledger VALUES (1, 'p', '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', 'success');
            INSERT INTO file_fingerprints VALUES ('sha-s', 's.txt', 'amazon_settlement_v2', 'UTF-8', 'tab', 0, 2, 2, 0, 0, '', 0, 1);
            INSERT INTO file_ids VALUES (1, 'sha-s', '000000000001|s.txt');
            INSERT INTO refunds VALUES ('amazon', 'O-1', 'A', '2026-09-03', 0, 'DE', 27990000, 'EUR', 0, NULL, 0, 1, 5, 0);
            INSERT INTO refunds VALUES ('amazon', 'O-1', 'B', '2026-09-03', 0, 'DE', 0, 'EUR', 2, 'Damaged', 0, 1, 6, 0);
            INSERT INTO refunds VALUES ('amazon', 'O-2', 'A', '2026-09-04', 0, 'DE', 10000000, 'EUR', 0, NULL, 0, 1, 7, 0);
            INSERT INTO refunds VALUES ('amazon', 'O-2', 'A', '2026-09-04', 1, 'DE', 0, 'EUR', 1, NULL, 0, 1, 8, 0);
            INSERT INTO refunds VALUES ('amazon', 'O-2', 'A', '2026-09-04', 2, 'DE', 0, 'EUR', 1, NULL, 0, 1, 9, 0);
            """)
        let w = try Warehouse(path: path)
        #expect(try w.db.scalarInt("PRAGMA user_version") == WarehouseTests.schemaVersion)
        // O-2's rows, numbered 0, 1, 2 under the old key, are numbered within each kind: money 0, units 0 and 1.
        let kinds = try w.db.prepare("SELECT order_id, sku, refund_kind, item_seq, source_line FROM refunds ORDER BY source_line")
        var found: [String] = []
        while try kinds.step() { found.append("\(kinds.text(0)) \(kinds.text(1)) \(kinds.text(2)) \(kinds.int64(3))") }
        #expect(found == ["O-1 A money 0", "O-1 B units 0", "O-2 A money 0", "O-2 A units 0", "O-2 A units 1"])
        #expect(try Self.refunds(w).map(\.amount) == [Money(micros: 27_990_000), .zero, Money(micros: 10_000_000), .zero, .zero])
        #expect(try w.db.scalarInt("PRAGMA foreign_key_check") == 0)
    }
}
