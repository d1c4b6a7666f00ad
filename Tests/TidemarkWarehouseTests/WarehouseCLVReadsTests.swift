import Testing
import TidemarkCommerce

@testable import TidemarkWarehouse

private typealias D = WarehouseTestData

@Suite("Warehouse CLV reads")
struct WarehouseCLVReadsTests {
    @Test func clvOrderLinesAreTheNonCancelledLinesWithTheColumnsCLVNeeds() throws {
        var lines = [
            D.line(order: "O-2", sku: "B", amount: Money(micros: 5_000_000), shipping: Money(micros: 1_000_000), market: "FR"),
            D.line(order: "O-2", sku: "A", quantity: 2, tax: Money(micros: 900_000), discount: Money(micros: 500_000), currency: .USD),
            D.line(order: "O-1", sku: "A", status: .cancelled),
            D.line(order: "O-1", sku: "C", market: "US", at: D.time(60)),
            D.line(order: "O-3", sku: "A"),
        ]
        lines[4].customerKey = nil
        let w = try D.committed(lines.map { .orderLine($0) })

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

    @Test func clvParcelsAreTheShipmentsWithTheirCharges() throws {
        let p = Provenance(file: "f", line: 2)
        let de = Market(code: "DE")!
        func parcel(_ carrier: String, _ tracking: String, order: String?, ship: String?, invoice: String?, charges: [ChargeType: Money]) -> Shipment {
            Shipment(
                provenance: p, trackingNumber: tracking, orderID: order, carrier: carrier, service: nil, shipDate: ship.flatMap(CivilDate.init(iso:)),
                invoiceDate: invoice.flatMap(CivilDate.init(iso:)), promisedDate: nil, deliveryDate: nil, status: .inTransit, destination: de,
                weightGrams: nil, charges: charges, currency: .USD)
        }
        let parcels = [
            parcel("FedEx", "0002", order: "O-1", ship: "2026-01-20", invoice: nil, charges: [.freight: Money(micros: 9_000_000), .dutyTax: Money(micros: 2_500_000)]),
            parcel("FedEx", "0001", order: nil, ship: nil, invoice: "2026-02-03", charges: [.fuel: Money(micros: 1_000_000)]),
            parcel("DHL", "0001", order: "O-2", ship: nil, invoice: nil, charges: [:]),
            parcel("UPS", "0009", order: "O-3", ship: "2026-03-01", invoice: "2026-03-04", charges: [.freight: Money(micros: 4_000_000)]),
        ]
        let w = try D.committed(parcels.map { .shipment($0) }, file: "s.csv", sha256: "sha-s")

        struct Seen: Equatable {
            var order: String?
            var ship: CivilDate?
            var invoice: CivilDate?
            var charges: [Warehouse.StoredCharge]
        }
        var narrow: [Seen] = []
        try w.forEachCLVParcel { narrow.append(Seen(order: $0, ship: $1, invoice: $2, charges: $3)) }
        var full: [Seen] = []
        try w.forEachShipment(provenance: false) { full.append(Seen(order: $0.orderID, ship: $0.shipDate, invoice: $0.invoiceDate, charges: $1)) }
        #expect(narrow == full)
        #expect(narrow.map(\.order) == ["O-2", nil, "O-1", "O-3"])
        #expect(narrow.map(\.charges.count) == [0, 1, 2, 1])
    }
}
