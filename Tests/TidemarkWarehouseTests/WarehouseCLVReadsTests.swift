import Testing
import TidemarkCommerce

@testable import TidemarkWarehouse

private typealias D = WarehouseTestData

@Suite("Warehouse CLV reads")
struct WarehouseCLVReadsTests {
    @Test func clvOrderLinesAreTheNonCancelledLinesWithTheColumnsCLVNeeds() throws {
        let w = try Warehouse(path: D.newWarehousePath())
        _ = try w.beginRun(pipeline: "p", startedAt: "t0")
        var lines = [
            D.line(order: "O-2", sku: "B", amount: Money(micros: 5_000_000), shipping: Money(micros: 1_000_000), market: "FR"),
            D.line(order: "O-2", sku: "A", quantity: 2, tax: Money(micros: 900_000), discount: Money(micros: 500_000), currency: .USD),
            D.line(order: "O-1", sku: "A", status: .cancelled),
            D.line(order: "O-1", sku: "C", market: "US", at: D.time(60)),
            D.line(order: "O-3", sku: "A"),
        ]
        lines[4].customerKey = nil
        try D.load(lines.map { .orderLine($0) }, into: w, file: "a.txt", sha256: "sha-a")
        try w.commitRun(finishedAt: "t1", status: "success")

        var read: [OrderLine] = []
        try w.forEachCLVOrderLine { read.append($0) }
        var full: [OrderLine] = []
        try w.forEachOrderLine(provenance: false) { if $0.status != .cancelled { full.append($0) } }
        let expected = full.map { line -> OrderLine in
            var l = line
            l.provenance = Provenance(file: "", line: 0)
            l.store = ""
            l.marketplace = ""
            l.tax = .zero
            return l
        }
        #expect(read == expected)
        #expect(read.map(\.orderID) == ["O-1", "O-2", "O-2", "O-3"])
        #expect(read.map(\.customerKey) == ["ck-O-1", "ck-O-2", "ck-O-2", nil])
    }
}
