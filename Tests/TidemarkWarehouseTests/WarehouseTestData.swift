import Foundation
import TidemarkCommerce
import TidemarkIngest
import TidemarkTestSupport

@testable import TidemarkWarehouse

/// Small hand-made facts and a fresh warehouse file per test.
enum WarehouseTestData {
    /// A path for a new warehouse file in a fresh temporary directory.
    static func newWarehousePath() -> String {
        TestPaths.temporaryDirectory().appendingPathComponent("warehouse.sqlite").path
    }

    /// 2026-01-15T12:00:00Z plus `seconds`.
    static func time(_ seconds: Int64 = 0) -> Timestamp {
        Timestamp(date: CivilDate(iso: "2026-01-15")!, hour: 12, minute: 0, second: 0, utcOffsetSeconds: 0)
            .advanced(seconds)
    }

    static func line(
        order: String, sku: String, quantity: Int = 1, amount: Money = Money(micros: 10_000_000),
        tax: Money = .zero, shipping: Money = .zero, discount: Money = .zero, currency: Currency = Currency("EUR"),
        market: String = "DE", at time: Timestamp = WarehouseTestData.time(), status: OrderStatus = .shipped,
        updatedAt: Timestamp? = nil, sourceLine: Int = 2
    ) -> OrderLine {
        OrderLine(
            provenance: Provenance(file: "orders.txt", line: sourceLine), platform: .amazon, store: "store-1",
            marketplace: "Amazon.de", market: Market(code: market)!, orderID: order, orderTime: time, status: status,
            sku: sku, quantity: quantity, currency: currency, itemAmount: amount, tax: tax, shippingCharged: shipping,
            discount: discount, customerKey: "ck-\(order)", sourceUpdatedAt: updatedAt)
    }

    /// A balanced reconciliation: every row read was loaded.
    static func reconciliation(_ file: String, sha256: String, loaded: Int) -> FileReconciliation {
        var r = FileReconciliation(file: file, sha256: sha256)
        r.format = "test_orders"
        r.encoding = "utf-8"
        r.delimiter = ","
        r.rowsRead = loaded
        r.rowsLoaded = loaded
        r.status = "loaded"
        return r
    }

    /// Loads `facts` as one file named `file` with fingerprint `sha256`.
    @discardableResult
    static func load(
        _ facts: [IngestedFact], into w: Warehouse, file: String, sha256: String, exportRank: String? = nil
    ) throws -> FileReconciliation {
        try w.loadFile(sha256: sha256, exportRank: exportRank ?? "000000000000|\(file)") { loader in
            for f in facts { try loader.load(f) }
            return reconciliation(file, sha256: sha256, loaded: facts.count)
        }
    }

    /// A new warehouse file at schema version `version` (its first migrations only), with `rows` executed in it:
    /// for testing the later migrations on what an older release wrote.
    static func olderWarehouse(version: Int, rows: String) throws -> String {
        let path = newWarehousePath()
        let db = try SQLiteConnection(path: path)
        try db.execute("PRAGMA foreign_keys = ON")
        for sql in Migrations.all.prefix(version) { try db.execute(sql) }
        try db.execute("PRAGMA user_version = \(version)")
        try db.execute(rows)
        return path
    }

    /// A new warehouse holding `facts`, loaded from one file in one committed run.
    static func committed(_ facts: [IngestedFact], file: String = "a.txt", sha256: String = "sha-a") throws -> Warehouse {
        let w = try Warehouse(path: newWarehousePath())
        _ = try w.beginRun(pipeline: "p", startedAt: "t0")
        try load(facts, into: w, file: file, sha256: sha256)
        try w.commitRun(finishedAt: "t1", status: "success")
        return w
    }

    /// Every order line in key order.
    static func orderLines(_ w: Warehouse) throws -> [OrderLine] {
        var out: [OrderLine] = []
        try w.forEachOrderLine { out.append($0) }
        return out
    }
}

extension Timestamp {
    func advanced(_ seconds: Int64) -> Timestamp { Timestamp(secondsSinceEpoch: secondsSinceEpoch + seconds) }
}

/// A failure thrown on purpose from a `produce` closure.
struct InjectedFailure: Error {}
