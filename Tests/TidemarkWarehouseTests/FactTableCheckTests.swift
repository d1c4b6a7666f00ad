import Foundation
import Testing

@testable import TidemarkCommerce
import TidemarkIngest
@testable import TidemarkWarehouse

private typealias D = WarehouseTestData

/// The loader prepares its order line, fee, shipment and charge statements without CHECK code (SQLite builds a
/// temporary b-tree per row for an `IN (…)` list). That is only sound while every CHECK of those tables restates
/// what the bound values' types guarantee: these tests hold the schema and the types together.
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
        _ = try w.beginFile(sha256: "sha-a", exportRank: "000000000000|a.txt")
        #expect(throws: WarehouseError.self) {
            try w.db.execute("INSERT INTO margin_issues VALUES ('2026-01', 'EUR', 0, 't', '', '')")  // issue >= 1
        }
        #expect(throws: WarehouseError.self) {
            try w.db.execute("INSERT INTO ref_fx_rates VALUES ('EUR', 'USD', '2026-01-01', 0, 'sha-a')")  // rate > 0
        }
        w.rollbackRun()
    }
}
