import Foundation
import Testing
import TidemarkCommerce
import TidemarkIngest

@testable import TidemarkWarehouse

private typealias D = WarehouseTestData

/// Migration 4 converts a version-3 warehouse (fingerprint and rank text on every fact row) to file ids and row
/// ranks without losing or changing a fact, and overlap decisions afterwards are the ones version 3 made.
@Suite("Migration to file ids")
struct MigrationTests {
    /// A version-3 warehouse written the way version 3 wrote it: two files, an Amazon-style order line with its own
    /// update time, a refund and an ad row.
    private func versionThreeWarehouse() throws -> String {
        try D.olderWarehouse(
            version: 3,
            rows: """
            INSERT INTO run_ledger VALUES (1, 'p', '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', 'success');
            INSERT INTO file_fingerprints VALUES ('sha-a', 'a.txt', 'amazon_all_orders', 'UTF-8', 'tab', 0, 1, 1, 0, 0, '', 0, 1);
            INSERT INTO file_fingerprints VALUES ('sha-b', 'b.csv', 'shopify_orders', 'UTF-8', ',', 0, 2, 2, 0, 0, '', 0, 1);
            INSERT INTO file_fingerprints VALUES ('sha-fx', 'fx.csv', 'ecb_fx', 'UTF-8', ',', 0, 1, 1, 0, 0, '', 0, 1);
            INSERT INTO order_lines VALUES ('amazon', 'O-1', 'A', 0, '', 'Amazon.de', 'DE', 1767225600, 'shipped', 1, 'EUR',
              10000000, 0, 0, 0, NULL, '001767229200|001767000000|a.txt', 'sha-a', 7, 0);
            INSERT INTO refunds VALUES ('shopify', 'S-1', 'B', '2026-01-02', 0, 'DE', 5000000, 'EUR', 1, NULL,
              '000000000000|001767100000|b.csv', 'sha-b', 3, 0);
            INSERT INTO ad_performance VALUES ('2026-01-01', 'meta', 'acct', 'c', '', '', 'DE', '', 0, 'EUR', 10, 1, 2000000, NULL, NULL,
              '000000000000|001767100000|b.csv', 'sha-b', 4, 1);
            """)
    }

    @Test func factsKeepTheirValuesFilesAndRanks() throws {
        let w = try Warehouse(path: try versionThreeWarehouse())
        #expect(try w.db.scalarInt("PRAGMA user_version") == WarehouseTests.schemaVersion)
        // One id per file, with the file's export rank (the part of the old rank after the row time).
        let files = try w.db.prepare("SELECT sha256, export_rank FROM file_ids ORDER BY sha256")
        var ranks: [String: String] = [:]
        while try files.step() { ranks[files.text(0)] = files.text(1) }
        #expect(ranks == ["sha-a": "001767000000|a.txt", "sha-b": "001767100000|b.csv", "sha-fx": ""])
        // The order line's own update time survives as its row rank; its provenance still names its file.
        #expect(try w.db.scalarInt("SELECT row_rank FROM order_lines") == 1_767_229_200)
        var lines: [OrderLine] = []
        try w.forEachOrderLine { lines.append($0) }
        #expect(lines.count == 1)
        #expect(lines.first?.provenance == Provenance(file: "sha-a", line: 7))
        #expect(lines.first?.itemAmount == Money(micros: 10_000_000))
        var refunds: [Refund] = []
        try w.forEachRefund { refunds.append($0) }
        #expect(refunds.map(\.provenance) == [Provenance(file: "sha-b", line: 3)])
        #expect(try w.db.scalarInt("SELECT row_rank FROM refunds") == 0)
        #expect(try w.db.scalarInt("SELECT overlap_count FROM ad_performance") == 1)
        #expect(try w.db.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'order_lines_by_time'") == 0)  // migration 8
        #expect(try w.db.scalarInt("PRAGMA foreign_key_check") == 0)
    }

    @Test func aMigratedRowIsReplacedOnlyByANewerExport() throws {
        let path = try versionThreeWarehouse()
        let w = try Warehouse(path: path)
        _ = try w.beginRun(pipeline: "p", startedAt: "2026-01-02T00:00:00Z")
        // An older export of the same refund (rank 001767050000 < 001767100000): counted as an overlap, not kept.
        let older = Refund(
            provenance: Provenance(file: "c.csv", line: 2), platform: Platform("shopify"), market: Market(code: "DE")!, orderID: "S-1", sku: "B",
            refundDate: CivilDate(iso: "2026-01-02")!, amount: Money(micros: 9_000_000), currency: .EUR, unitsReturned: 1, reason: nil)
        let c = try w.beginFile(sha256: "sha-c", exportRank: "001767050000|c.csv")
        try c.load(.refund(older))
        #expect(c.overlaps == 1)
        // A newer one replaces it.
        var newer = older
        newer.amount = Money(micros: 4_000_000)
        let d = try w.beginFile(sha256: "sha-d", exportRank: "001767200000|d.csv")
        try d.load(.refund(newer))
        #expect(d.overlaps == 1)
        var refunds: [Refund] = []
        try w.forEachRefund { refunds.append($0) }
        #expect(refunds.map(\.amount) == [Money(micros: 4_000_000)])
        #expect(refunds.map(\.provenance) == [Provenance(file: "sha-d", line: 2)])
        // The row counts the one replacement (the older export left it as it was).
        #expect(try w.db.scalarInt("SELECT overlap_count FROM refunds") == 1)
    }
}
