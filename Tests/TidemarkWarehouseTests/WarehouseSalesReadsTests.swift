import Foundation
import Testing
import TidemarkCommerce
import TidemarkIngest

@testable import TidemarkWarehouse

private typealias D = WarehouseTestData

@Suite("Warehouse sales reads")
struct WarehouseSalesReadsTests {
    private func warehouse() throws -> Warehouse {
        try D.committed([
            .orderLine(D.line(order: "O-3", sku: "A", at: D.time(0))),
            .orderLine(D.line(order: "O-1", sku: "B", at: D.time(3600))),
            .orderLine(D.line(order: "O-1", sku: "A", at: D.time(3600))),
            .orderLine(D.line(order: "O-2", sku: "A", at: D.time(7200))),
        ])
    }

    /// The narrow read gives the full read's lines, in the same order, except for the columns it leaves out, and
    /// the provenance on demand.
    @Test(arguments: [true, false])
    func salesOrderLinesAreTheFullLinesWithoutTheUnreadColumns(customerKeys: Bool) throws {
        let w = try warehouse()
        var full: [OrderLine] = []
        try w.forEachOrderLine { full.append($0) }
        var narrow: [OrderLine] = []
        var provenances: [Provenance] = []
        try w.forEachSalesOrderLine(customerKeys: customerKeys) { line, provenance in
            narrow.append(line)
            provenances.append(provenance())
        }
        #expect(full.count == 4)
        #expect(provenances == full.map(\.provenance))
        #expect(narrow == full.map { l in
            var l = l
            l.provenance = Provenance(file: "", line: 0)
            l.store = ""
            l.marketplace = ""
            if !customerKeys { l.customerKey = nil }
            return l
        })
    }
}
