import Foundation
import Testing
import TidemarkCommerce
import TidemarkIngest

@testable import TidemarkWarehouse

private typealias D = WarehouseTestData

@Suite("Warehouse")
struct WarehouseTests {
    static let tables = [
        "ad_performance", "file_fingerprints", "file_ids", "file_stats", "margin_issues", "order_lines", "platform_fees", "ref_fx_rates", "refunds", "rejects",
        "run_ledger", "shipment_charges", "shipments", "traffic", "unit_costs",
    ]
    /// Eight migrations so far: the skeleton tables; refunds, fees, ads, traffic and shipments; margin issues;
    /// integer file ids and row ranks on the keyed fact rows; file stats; refund kinds; the `not_reported` status;
    /// the unused secondary indexes dropped.
    static let schemaVersion: Int64 = 8

    // MARK: Schema

    @Test func newFileGetsTheWholeSchemaAtTheLatestVersion() throws {
        let w = try Warehouse(path: D.newWarehousePath())
        let names = try tableNames(w)
        #expect(names == Self.tables)
        #expect(try w.db.scalarInt("PRAGMA user_version") == Self.schemaVersion)
        // No secondary index: only the automatic ones of keys (which have no SQL of their own).
        #expect(try w.db.scalarInt("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL") == 0)
    }

    @Test func reopeningAnExistingFileDoesNotMigrateAgain() throws {
        let path = D.newWarehousePath()
        do {
            let w = try Warehouse(path: path)
            _ = try w.beginRun(pipeline: "p", startedAt: "2026-01-01T00:00:00Z")
            try D.load([.orderLine(D.line(order: "O-1", sku: "A"))], into: w, file: "a.txt", sha256: "sha-a")
            try w.commitRun(finishedAt: "2026-01-01T00:00:01Z", status: "success")
        }
        // A second migration would fail on CREATE TABLE or wipe the data; neither may happen.
        let w = try Warehouse(path: path)
        #expect(try w.db.scalarInt("PRAGMA user_version") == Self.schemaVersion)
        #expect(try tableNames(w) == Self.tables)
        #expect(try w.tableCounts()["order_lines"] == 1)
    }

    @Test func noColumnIsDeclaredWithAFloatingPointType() throws {
        let w = try Warehouse(path: D.newWarehousePath())
        let s = try w.db.prepare(
            "SELECT m.name, p.name, p.type FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table'")
        var columns = 0
        while try s.step() {
            columns += 1
            let type = s.text(2).uppercased()
            // SQLite gives REAL affinity to any declared type containing REAL, FLOA or DOUB.
            #expect(!type.contains("REAL") && !type.contains("FLOA") && !type.contains("DOUB"), "\(s.text(0)).\(s.text(1)) is \(type)")
            if s.text(1).hasSuffix("_micros") || s.text(1) == "rate_scaled" { #expect(type == "INTEGER") }
        }
        #expect(columns > 40)
    }

    // MARK: Runs

    @Test func aCommittedRunKeepsItsFactsAndLedgerRow() throws {
        let path = D.newWarehousePath()
        do {
            let w = try Warehouse(path: path)
            let run = try w.beginRun(pipeline: "demo", startedAt: "2026-01-01T00:00:00Z")
            #expect(run == 1)
            try D.load(
                [.orderLine(D.line(order: "O-1", sku: "A")), .orderLine(D.line(order: "O-2", sku: "B"))], into: w,
                file: "a.txt", sha256: "sha-a")
            try w.commitRun(finishedAt: "2026-01-01T00:00:05Z", status: "success")
        }
        let w = try Warehouse(path: path)
        let counts = try w.tableCounts()
        #expect(counts["order_lines"] == 2)
        #expect(counts["file_fingerprints"] == 1)
        let s = try w.db.prepare("SELECT pipeline, started_at, finished_at, status FROM run_ledger")
        #expect(try s.step())
        #expect(s.text(0) == "demo")
        #expect(s.text(1) == "2026-01-01T00:00:00Z")
        #expect(s.text(2) == "2026-01-01T00:00:05Z")
        #expect(s.text(3) == "success")
        #expect(try !s.step())
    }

    @Test func aRolledBackRunLeavesNothing() throws {
        let path = D.newWarehousePath()
        let w = try Warehouse(path: path)
        _ = try w.beginRun(pipeline: "demo", startedAt: "2026-01-01T00:00:00Z")
        try D.load(
            [
                .orderLine(D.line(order: "O-1", sku: "A")),
                .fxRate(FXRate(date: CivilDate(iso: "2026-01-02")!, base: .EUR, currency: .USD, rate: ExchangeRate(scaled: 10_800_000_000)!)),
            ], into: w, file: "a.txt", sha256: "sha-a")
        w.rollbackRun()
        let counts = try w.tableCounts()
        #expect(counts.values.allSatisfy { $0 == 0 }, "\(counts)")
        #expect(try w.db.scalarInt("SELECT count(*) FROM run_ledger") == 0)
        #expect(try w.loadedFileName(sha256: "sha-a") == nil)
        // And a fresh connection sees the same.
        #expect(try Warehouse(path: path).tableCounts().values.allSatisfy { $0 == 0 })
    }

    @Test func aFirstLoadUsesARollbackJournalAndTheWarehouseReturnsToTheLog() throws {
        let path = D.newWarehousePath()
        do {
            let w = try Warehouse(path: path)
            #expect(try w.journalMode == "wal")
            _ = try w.beginRun(pipeline: "demo", startedAt: "2026-01-01T00:00:00Z")
            // No file loaded yet: each page is written once, into the database file.
            #expect(try w.journalMode == "delete")
            try D.load([.orderLine(D.line(order: "O-1", sku: "A"))], into: w, file: "a.txt", sha256: "sha-a")
            try w.commitRun(finishedAt: "2026-01-01T00:00:05Z", status: "success")
            #expect(try w.journalMode == "wal")
            // The next run finds a file loaded and keeps the log, so readers see the last commit meanwhile.
            _ = try w.beginRun(pipeline: "demo", startedAt: "2026-01-02T00:00:00Z")
            #expect(try w.journalMode == "wal")
            try D.load([.orderLine(D.line(order: "O-2", sku: "A"))], into: w, file: "b.txt", sha256: "sha-b")
            try w.commitRun(finishedAt: "2026-01-02T00:00:05Z", status: "success")
        }
        let reopened = try Warehouse(path: path)
        #expect(try reopened.journalMode == "wal")
        #expect(try reopened.tableCounts()["order_lines"] == 2)
        #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
    }

    @Test func aRolledBackFirstLoadLeavesAnEmptyWarehouseInTheLog() throws {
        let path = D.newWarehousePath()
        let w = try Warehouse(path: path)
        _ = try w.beginRun(pipeline: "demo", startedAt: "2026-01-01T00:00:00Z")
        try D.load([.orderLine(D.line(order: "O-1", sku: "A"))], into: w, file: "a.txt", sha256: "sha-a")
        w.rollbackRun()
        #expect(try w.journalMode == "wal")
        #expect(try Warehouse(path: path).tableCounts().values.allSatisfy { $0 == 0 })
    }

    @Test func aFirstLoadBesideAnotherOpenConnectionKeepsTheLog() throws {
        let path = D.newWarehousePath()
        let first = try Warehouse(path: path)
        let other = try Warehouse(path: path)
        // Leaving the log needs the database to itself: with another connection open the run keeps the log.
        _ = try first.beginRun(pipeline: "one", startedAt: "2026-01-01T00:00:00Z")
        #expect(try first.journalMode == "wal")
        try D.load([.orderLine(D.line(order: "O-1", sku: "A"))], into: first, file: "a.txt", sha256: "sha-a")
        try first.commitRun(finishedAt: "2026-01-01T00:00:05Z", status: "success")
        #expect(try other.tableCounts()["order_lines"] == 1)
    }

    /// The loaders of successive files share one sequencer's storage (``FactLoader/takeSequencer()``); each file still
    /// numbers its own rows from 0. File b repeats file a (two lines of O-1/A, item_seq 0 and 1, and a parcel with a
    /// freight charge): its rows replace a's instead of adding rows numbered 2 and 3.
    @Test func eachFileNumbersItsOwnRowsWithTheSequencerHandedOn() throws {
        let parcel = IngestedFact.shipment(
            Shipment(
                provenance: Provenance(file: "f", line: 2), trackingNumber: "1Z1", orderID: "O-1", carrier: "UPS", service: nil,
                shipDate: nil, invoiceDate: CivilDate(iso: "2026-01-05"), promisedDate: nil, deliveryDate: nil, status: .inTransit,
                destination: Market(code: "DE")!, weightGrams: nil, charges: [.freight: Money(micros: 7_000_000)], currency: .EUR))
        let facts: [IngestedFact] = [.orderLine(D.line(order: "O-1", sku: "A")), .orderLine(D.line(order: "O-1", sku: "A")), parcel]
        let w = try Warehouse(path: D.newWarehousePath())
        _ = try w.beginRun(pipeline: "demo", startedAt: "2026-01-01T00:00:00Z")
        try D.load(facts, into: w, file: "a.txt", sha256: "sha-a")
        try D.load(facts, into: w, file: "b.txt", sha256: "sha-b")
        try w.commitRun(finishedAt: "2026-01-01T00:00:05Z", status: "success")
        let s = try w.db.prepare("SELECT item_seq FROM order_lines ORDER BY item_seq")
        var seqs: [Int64] = []
        while try s.step() { seqs.append(s.int64(0)) }
        #expect(seqs == [0, 1])
        #expect(try w.db.scalarInt("SELECT count(*) FROM shipment_charges") == 1)
        #expect(try w.db.scalarInt("SELECT max(item_seq) FROM shipment_charges") == 0)
    }

    @Test func aSecondWarehouseCannotBeginARunWhileTheFirstHoldsOne() throws {
        let path = D.newWarehousePath()
        let first = try Warehouse(path: path)
        let second = try Warehouse(path: path)
        _ = try first.beginRun(pipeline: "one", startedAt: "2026-01-01T00:00:00Z")
        #expect(throws: WarehouseBusy.self) {
            _ = try second.beginRun(pipeline: "two", startedAt: "2026-01-01T00:00:01Z")
        }
        try first.commitRun(finishedAt: "2026-01-01T00:00:02Z", status: "success")
        // Once the first has finished, the second may run.
        let run = try second.beginRun(pipeline: "two", startedAt: "2026-01-01T00:00:03Z")
        #expect(run == 2)
        try second.commitRun(finishedAt: "2026-01-01T00:00:04Z", status: "success")
    }

    @Test func aWarehouseCanBeOpenedWhileAnotherConnectionHoldsTheRun() throws {
        let path = D.newWarehousePath()
        let first = try Warehouse(path: path)
        _ = try first.beginRun(pipeline: "one", startedAt: "2026-01-01T00:00:00Z")
        // Opening (and finding the schema current) needs no write lock.
        let second = try Warehouse(path: path)
        #expect(throws: WarehouseBusy.self) { _ = try second.beginRun(pipeline: "two", startedAt: "x") }
        first.rollbackRun()
    }

    // MARK: Files

    @Test func loadFileRecordsTheFingerprintAndReconciliation() throws {
        let w = try Warehouse(path: D.newWarehousePath())
        let run = try w.beginRun(pipeline: "p", startedAt: "t0")
        let rec = try w.loadFile(sha256: "sha-a", exportRank: "000000000000|a.txt") { loader in
            try loader.load(.orderLine(D.line(order: "O-1", sku: "A")))
            var r = D.reconciliation("orders/a.txt", sha256: "sha-a", loaded: 1)
            r.rowsRead = 4  // 1 loaded + 2 rejected + 1 skipped
            r.rowsRejected = 2
            r.rowsSkipped = 1
            r.preambleLines = 3
            r.skippedReasons = ["settlement component not used: a/b: c; d": 1]  // reasons may hold ":" and ";"
            r.rejects = [
                RejectedRow(file: "orders/a.txt", line: 7, columnNumber: 3, column: "price", value: "12.3O", reason: "is not a number"),
                RejectedRow(file: "orders/a.txt", line: 5, columnNumber: 0, column: "", value: "", reason: "ragged row"),
            ]
            return r
        }
        try w.commitRun(finishedAt: "t1", status: "success")
        #expect(rec.rowsSuperseded == 0)
        #expect(try w.loadedFileName(sha256: "sha-a") == "orders/a.txt")
        #expect(try w.loadedFileName(sha256: "sha-other") == nil)
        #expect(try w.db.scalarInt("SELECT run_id FROM file_fingerprints WHERE sha256 = 'sha-a'") == run)

        let files = try w.loadedFiles()
        #expect(files.count == 1)
        let f = try #require(files.first)
        #expect(f.file == "orders/a.txt")
        #expect(f.format == "test_orders")
        #expect(f.encoding == "utf-8")
        #expect(f.delimiter == ",")
        #expect(f.preambleLines == 3)
        #expect((f.rowsRead, f.rowsLoaded, f.rowsRejected, f.rowsSkipped) == (4, 1, 2, 1))
        #expect(f.skippedReasons == ["settlement component not used: a/b: c; d": 1])
        #expect(f.status == "loaded")

        // Rejects come back by line, under the name asked for.
        let rejects = try w.rejects(sha256: "sha-a", displayName: "a.txt")
        #expect(rejects.map(\.line) == [5, 7])
        #expect(rejects.map(\.file) == ["a.txt", "a.txt"])
        #expect(rejects[1].value == "12.3O")
        #expect(rejects[1].column == "price")
    }

    @Test func theSameContentCannotBeLoadedTwice() throws {
        let path = D.newWarehousePath()
        let w = try Warehouse(path: path)
        _ = try w.beginRun(pipeline: "p", startedAt: "t0")
        try D.load([.orderLine(D.line(order: "O-1", sku: "A"))], into: w, file: "a.txt", sha256: "sha-a")
        try w.commitRun(finishedAt: "t1", status: "success")
        #expect(try w.loadedFileName(sha256: "sha-a") == "a.txt")

        // A later run loading the same fingerprint (under any name): the primary key refuses it, and the run is
        // rolled back whole (the pipeline checks fingerprints first, so this only guards against a bug).
        _ = try w.beginRun(pipeline: "p", startedAt: "t2")
        #expect(throws: WarehouseError.self) {
            try D.load([.orderLine(D.line(order: "O-9", sku: "Z"))], into: w, file: "copy-of-a.txt", sha256: "sha-a")
        }
        try w.commitRun(finishedAt: "t3", status: "success")  // nothing left to commit
        #expect(try D.orderLines(w).map(\.orderID) == ["O-1"])
        #expect(try w.tableCounts()["file_fingerprints"] == 1)
        #expect(try w.loadedFileName(sha256: "sha-a") == "a.txt")
    }

    @Test func aLoadThatFailsPartWayRollsTheWholeRunBack() throws {
        // No savepoint per file (it made random-key upserts slow down as the table grew): a load that fails after
        // writing rows takes the whole run with it, and the warehouse is as it was before the run.
        let path = D.newWarehousePath()
        do {
            let w = try Warehouse(path: path)
            _ = try w.beginRun(pipeline: "p", startedAt: "t0")
            try D.load([.orderLine(D.line(order: "O-0", sku: "Z"))], into: w, file: "z.txt", sha256: "sha-z")
            try w.commitRun(finishedAt: "t0", status: "success")
        }
        let w = try Warehouse(path: path)
        _ = try w.beginRun(pipeline: "p", startedAt: "t1")
        try D.load([.orderLine(D.line(order: "O-1", sku: "A"))], into: w, file: "a.txt", sha256: "sha-a")
        #expect(throws: InjectedFailure.self) {
            try w.loadFile(sha256: "sha-b", exportRank: "000000000000|b.txt") { loader in
                try loader.load(.orderLine(D.line(order: "O-2", sku: "B")))
                try loader.load(.unitCost(UnitCost(provenance: Provenance(file: "b.txt", line: 2), sku: "B", market: nil, validFrom: CivilDate(iso: "2026-01-01")!, unitCost: Money(micros: 1_000_000), currency: .EUR)))
                throw InjectedFailure()
            }
        }
        let reopened = try Warehouse(path: path)
        #expect(try D.orderLines(reopened).map(\.orderID) == ["O-0"])
        #expect(try reopened.loadedFileName(sha256: "sha-a") == nil)
        #expect(try reopened.loadedFileName(sha256: "sha-b") == nil)
        #expect(try reopened.tableCounts()["unit_costs"] == 0)
    }

    @Test func aReconciliationThatDoesNotAddUpIsRefusedAndRolledBack() throws {
        let w = try Warehouse(path: D.newWarehousePath())
        _ = try w.beginRun(pipeline: "p", startedAt: "t0")
        #expect(throws: WarehouseError.self) {
            try w.loadFile(sha256: "sha-a", exportRank: "000000000000|a.txt") { loader in
                try loader.load(.orderLine(D.line(order: "O-1", sku: "A")))
                var r = D.reconciliation("a.txt", sha256: "sha-a", loaded: 1)
                r.rowsRead = 3  // 3 ≠ 1 + 0 + 0
                return r
            }
        }
        try w.commitRun(finishedAt: "t1", status: "success")
        #expect(try w.tableCounts()["order_lines"] == 0)
        #expect(try w.loadedFileName(sha256: "sha-a") == nil)
    }

    private func tableNames(_ w: Warehouse) throws -> [String] {
        let s = try w.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        var names: [String] = []
        while try s.step() { names.append(s.text(0)) }
        return names
    }
}
