import Testing
import TidemarkCommerce

@testable import TidemarkWarehouse

private typealias D = WarehouseTestData

@Suite("Warehouse insights reads")
struct WarehouseInsightsReadsTests {
    private static let de = Market(code: "DE")!
    private static let provenance = Provenance(file: "f", line: 2)

    private static func ad(
        _ date: String, _ platform: Platform, campaign: String, group: String? = nil, sku: String?, market: Market = de,
        currency: Currency = .EUR, orders: Int? = 1, window: String? = "7 Day"
    ) -> AdPerformance {
        AdPerformance(
            provenance: provenance, date: CivilDate(iso: date)!, platform: platform, account: "acct", campaign: campaign,
            adGroup: group, sku: sku, market: market, currency: currency, impressions: 100, clicks: 3,
            spend: Money(micros: 2_500_000), attributedOrders: orders, attributedSales: orders.map { Money(micros: Int64($0) * 9_000_000) },
            attributionWindow: window)
    }

    @Test func insightsAdsAreTheAdRowsWithoutAdGroupAndProvenance() throws {
        // SKUs longer than a small string, several campaigns a day and a SKU that comes back after others.
        let rows = [
            Self.ad("2026-01-02", "amazon_ads", campaign: "DE | SP | Auto | Bestsellers", sku: "TM-BASKET-1007-XL"),
            Self.ad("2026-01-02", "amazon_ads", campaign: "DE | SP | Auto | Bestsellers", sku: "TM-BASKET-1019"),
            Self.ad("2026-01-02", "amazon_ads", campaign: "DE | SP | Manual", sku: "TM-BASKET-1007-XL", currency: .USD, orders: nil),
            Self.ad("2026-01-03", "amazon_ads", campaign: "DE | SP | Auto | Bestsellers", sku: "TM-BASKET-1019", window: nil),
            Self.ad("2026-01-03", "meta_ads", campaign: "Prospecting", group: "Lookalike", sku: nil, market: Market(code: "FR")!),
            Self.ad("2026-01-03", "meta_ads", campaign: "Prospecting", group: "Retargeting", sku: nil),
        ]
        let w = try D.committed(rows.map { .ad($0) })
        var narrow: [AdPerformance] = []
        try w.forEachInsightsAd { narrow.append($0) }
        var full: [AdPerformance] = []
        try w.forEachAd(provenance: false) { full.append($0) }
        #expect(narrow == full.map { var a = $0; a.adGroup = nil; return a })
        #expect(narrow.map(\.sku) == ["TM-BASKET-1007-XL", "TM-BASKET-1019", "TM-BASKET-1007-XL", "TM-BASKET-1019", nil, nil])
    }

    @Test func insightsParcelsAreTheShipmentsWithTheirChargesListed() throws {
        func parcel(_ carrier: String, _ tracking: String, order: String?, ship: String?, invoice: String?, status: ShipmentStatus, charges: [ChargeType: Money]) -> Shipment {
            Shipment(
                provenance: Self.provenance, trackingNumber: tracking, orderID: order, carrier: carrier, service: "Express",
                shipDate: ship.flatMap(CivilDate.init(iso:)), invoiceDate: invoice.flatMap(CivilDate.init(iso:)),
                promisedDate: CivilDate(iso: "2026-01-25"), deliveryDate: status == .delivered ? CivilDate(iso: "2026-01-27") : nil,
                status: status, destination: Self.de, weightGrams: 900, charges: charges, currency: .USD)
        }
        let parcels = [
            parcel("FedEx", "0002", order: "O-1", ship: "2026-01-20", invoice: nil, status: .delivered, charges: [.freight: Money(micros: 9_000_000), .dutyTax: Money(micros: 2_500_000)]),
            parcel("FedEx", "0001", order: nil, ship: nil, invoice: "2026-02-03", status: .lost, charges: [.fuel: Money(micros: 1_000_000)]),
            parcel("DHL", "0001", order: "O-2", ship: nil, invoice: nil, status: .inTransit, charges: [:]),
            parcel("UPS", "0009", order: "O-3", ship: "2026-03-01", invoice: "2026-03-04", status: .returned, charges: [.freight: Money(micros: 4_000_000)]),
        ]
        let w = try D.committed(parcels.map { .shipment($0) }, file: "s.csv", sha256: "sha-s")
        var narrow: [(Shipment, [Warehouse.StoredCharge])] = []
        try w.forEachInsightsParcel { narrow.append(($0, $1)) }
        var full: [(Shipment, [Warehouse.StoredCharge])] = []
        try w.forEachShipment(provenance: false) { full.append(($0, $1)) }
        #expect(narrow.map(\.1) == full.map(\.1))
        #expect(narrow.map(\.0) == full.map { s, _ in
            var s = s
            s.provenance = Provenance(file: "", line: 0)
            s.service = nil
            s.weightGrams = nil
            s.charges = [:]
            return s
        })
        #expect(narrow.map(\.0.trackingNumber) == ["0001", "0001", "0002", "0009"])
        #expect(narrow.map(\.1.count) == [0, 1, 2, 1])
    }

    @Test func parcelCountCountsStoredParcels() throws {
        let s = Shipment(
            provenance: Self.provenance, trackingNumber: "T", orderID: nil, carrier: "DHL", service: nil, shipDate: nil, invoiceDate: nil,
            promisedDate: nil, deliveryDate: nil, status: .inTransit, destination: Self.de, weightGrams: nil, charges: [:], currency: .EUR)
        let w = try D.committed([.shipment(s), .shipment({ var t = s; t.trackingNumber = "U"; return t }())])
        #expect(try w.parcelCount() == 2)
    }
}
