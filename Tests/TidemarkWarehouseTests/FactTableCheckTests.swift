import Foundation
import Testing

@testable import TidemarkCommerce
import TidemarkIngest
@testable import TidemarkWarehouse

private typealias D = WarehouseTestData

/// The loader runs its per-row statements for the fact tables (order lines, refunds, fees, ads, traffic, shipments and
/// their charges) without CHECK code (SQLite builds a temporary b-tree per row for an `IN (…)` list). That is only
/// sound while every CHECK of those tables restates what the bound values' types guarantee: these tests hold the
/// schema and the types together, and show that the checks really are skipped there and kept everywhere else.
@Suite("Fact table CHECK constraints")
struct FactTableCheckTests {
    /// The words of each `column IN ('a', 'b', …)` CHECK in `table`'s schema, by column.
    private func inLists(_ w: Warehouse, _ table: String) throws -> [String: Set<String>] {
        let s = try w.db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1")
        s.bind(1, table)
        guard try s.step() else { return [:] }
        let sql = s.text(0)
        let pattern = try NSRegularExpression(pattern: #"CHECK \((\w+) IN \(([^)]*)\)\)"#)
        var lists: [String: Set<String>] = [:]
        for m in pattern.matches(in: sql, range: NSRange(sql.startIndex..., in: sql)) {
            let column = String(sql[Range(m.range(at: 1), in: sql)!])
            let words = sql[Range(m.range(at: 2), in: sql)!].split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
            }
            lists[column] = Set(words)
        }
        return lists
    }

    @Test func everyEnumTheLoaderBindsIsExactlyItsColumnsInList() throws {
        let w = try Warehouse(path: D.newWarehousePath())
        #expect(try inLists(w, "order_lines") == ["status": Set(OrderStatus.allCases.map(\.rawValue))])
        #expect(try inLists(w, "platform_fees") == ["fee_type": Set(FeeType.allCases.map(\.rawValue))])
        #expect(try inLists(w, "shipments") == ["status": Set(ShipmentStatus.allCases.map(\.rawValue))])
        #expect(try inLists(w, "shipment_charges") == ["charge_type": Set(ChargeType.allCases.map(\.rawValue))])
        #expect(try inLists(w, "refunds") == ["refund_kind": [Refund.Kind.money.rawValue, Refund.Kind.units.rawValue]])
        #expect(try inLists(w, "ad_performance").isEmpty)
        #expect(try inLists(w, "traffic").isEmpty)
    }

    @Test func everyMarketCodeHasTwoLettersAndEveryCurrencyCodeThree() {
        // A Market is only ever made from these tables (or is ZZ); a Currency only from the ISO table.
        let markets = Set(MarketTable.regionByCode.keys).union(MarketTable.codeByName.values)
            .union(MarketTable.amazonMarketplaceIDs.values).union(MarketTable.amazonSites.values).union([Market.unknown.code])
        #expect(markets.allSatisfy { $0.utf8.count == 2 })
        #expect(CurrencyTable.minorUnits.keys.allSatisfy { $0.utf8.count == 3 })
    }

    @Test func checksAreOnAgainForStatementsPreparedAfterTheLoader() throws {
        let w = try Warehouse(path: D.newWarehousePath())
        _ = try w.beginRun(pipeline: "p", startedAt: "t0")
        let loader = try w.beginFile(sha256: "sha-a", exportRank: "000000000000|a.txt")
        try loader.load(.orderLine(D.line(order: "O-1", sku: "A")))  // runs without checks
        #expect(throws: WarehouseError.self) {
            try w.db.execute("INSERT INTO margin_issues VALUES ('2026-01', 'EUR', 0, 't', '', '')")  // issue >= 1
        }
        #expect(throws: WarehouseError.self) {
            try w.db.execute("INSERT INTO ref_fx_rates VALUES ('EUR', 'USD', '2026-01-01', 0, 'sha-a')")  // rate > 0
        }
        w.rollbackRun()
    }

    /// SQLite expires every prepared statement when `ignore_check_constraints` changes and prepares it again at its
    /// next step with the setting of that moment; a statement prepared without checks must still run without them
    /// after checked statements ran, and a checked one with them after unchecked ones.
    @Test func eachStatementRunsWithItsOwnCheckSettingWhateverRanBefore() throws {
        let w = try Warehouse(path: D.newWarehousePath())
        let sql = "INSERT INTO margin_issues VALUES (?1, 'EUR', 0, 't', '', '')"  // breaks CHECK (issue >= 1)
        let unchecked = try w.db.prepareWithoutCheckConstraints(sql)
        let checked = try w.db.prepare(sql)
        func run(_ s: SQLiteStatement, _ month: String) throws {
            s.bind(1, month)
            defer { s.reset() }
            try s.step()
        }
        try run(unchecked, "2026-01")
        #expect(throws: WarehouseError.self) { try run(checked, "2026-02") }
        try run(unchecked, "2026-03")
        #expect(throws: WarehouseError.self) { try w.db.execute("INSERT INTO margin_issues VALUES ('2026-04', 'EUR', 0, 't', '', '')") }
        try run(unchecked, "2026-05")
        #expect(throws: WarehouseError.self) { try run(checked, "2026-06") }
        #expect(try w.db.scalarInt("SELECT count(*) FROM margin_issues") == 3)
    }

    @Test func aUnitCostAfterOrderLinesInOneFileIsStillChecked() throws {
        // unit_costs: CHECK (unit_cost_micros >= 0), which a Money value does not guarantee.
        let w = try Warehouse(path: D.newWarehousePath())
        _ = try w.beginRun(pipeline: "p", startedAt: "t0")
        let cost = UnitCost(
            provenance: Provenance(file: "a.csv", line: 3), sku: "A", market: nil, validFrom: CivilDate(iso: "2026-01-01")!,
            unitCost: Money(micros: -1), currency: Currency("EUR"))
        #expect(throws: WarehouseError.self) {
            try D.load([.orderLine(D.line(order: "O-1", sku: "A")), .unitCost(cost)], into: w, file: "a.csv", sha256: "sha-a")
        }
    }
}
