import Foundation
import Testing
@testable import TidemarkCommerce
import TidemarkIngest

@testable import TidemarkWarehouse

private typealias D = WarehouseTestData

@Suite("FactLoader")
struct FactLoaderTests {
    /// File ranks as PipelineRunner builds them: zero-padded modification time, then name.
    static let olderRank = "000000001000|orders-old.txt"
    static let newerRank = "000000002000|orders-new.txt"

    private func freshRun() throws -> Warehouse {
        let w = try Warehouse(path: D.newWarehousePath())
        _ = try w.beginRun(pipeline: "p", startedAt: "t0")
        return w
    }

    // MARK: Overlapping exports

    @Test func aNewerExportReplacesTheOlderRowAndCountsIt() throws {
        let w = try freshRun()
        let old = try D.load(
            [.orderLine(D.line(order: "O-1", sku: "A", amount: Money(micros: 10_000_000), status: .placed)),
             .orderLine(D.line(order: "O-2", sku: "A"))],
            into: w, file: "orders-old.txt", sha256: "sha-old", exportRank: Self.olderRank)
        let new = try D.load(
            [.orderLine(D.line(order: "O-1", sku: "A", amount: Money(micros: 12_000_000), status: .shipped, sourceLine: 9))],
            into: w, file: "orders-new.txt", sha256: "sha-new", exportRank: Self.newerRank)
        try w.commitRun(finishedAt: "t1", status: "success")

        #expect(old.rowsSuperseded == 0)
        #expect(new.rowsSuperseded == 1)
        let lines = try D.orderLines(w)
        #expect(lines.map(\.orderID) == ["O-1", "O-2"])  // one row per natural key
        let o1 = lines[0]
        #expect(o1.itemAmount == Money(micros: 12_000_000))
        #expect(o1.status == .shipped)
        #expect(o1.provenance == Provenance(file: "sha-new", line: 9))
        // rows_superseded is stored with the file.
        let stored = try w.loadedFiles().first { $0.sha256 == "sha-new" }
        #expect(stored?.rowsSuperseded == 1)
    }

    @Test func anOlderExportLoadedAfterANewerOneIsKeptOutAndCounted() throws {
        let w = try freshRun()
        try D.load(
            [.orderLine(D.line(order: "O-1", sku: "A", amount: Money(micros: 12_000_000), status: .shipped))],
            into: w, file: "orders-new.txt", sha256: "sha-new", exportRank: Self.newerRank)
        let old = try D.load(
            [.orderLine(D.line(order: "O-1", sku: "A", amount: Money(micros: 10_000_000), status: .placed)),
             .orderLine(D.line(order: "O-3", sku: "B"))],
            into: w, file: "orders-old.txt", sha256: "sha-old", exportRank: Self.olderRank)
        try w.commitRun(finishedAt: "t1", status: "success")

        #expect(old.rowsSuperseded == 1)  // its O-1 row met a newer one
        let lines = try D.orderLines(w)
        #expect(lines.map(\.orderID) == ["O-1", "O-3"])
        #expect(lines[0].itemAmount == Money(micros: 12_000_000))
        #expect(lines[0].status == .shipped)
        #expect(lines[0].provenance.file == "sha-new")
        #expect(try w.loadedFiles().first { $0.sha256 == "sha-old" }?.rowsSuperseded == 1)
    }

    @Test func theRowsOwnUpdateTimeOutranksTheFilesRank() throws {
        // product.md: newest by the export's own update time where the format has one, else file time.
        let w = try freshRun()
        let newerRow = D.time(3600)
        let olderRow = D.time(60)
        try D.load(
            [.orderLine(D.line(order: "O-1", sku: "A", amount: Money(micros: 15_000_000), updatedAt: newerRow))],
            into: w, file: "orders-old.txt", sha256: "sha-old", exportRank: Self.olderRank)
        let later = try D.load(
            [.orderLine(D.line(order: "O-1", sku: "A", amount: Money(micros: 11_000_000), updatedAt: olderRow))],
            into: w, file: "orders-new.txt", sha256: "sha-new", exportRank: Self.newerRank)
        #expect(later.rowsSuperseded == 1)
        #expect(try D.orderLines(w).map(\.itemAmount) == [Money(micros: 15_000_000)])
        w.rollbackRun()
    }

    @Test func repeatedLinesOfOneOrderInOneFileAreKeptAsSeparateRows() throws {
        let w = try freshRun()
        let rec = try D.load(
            [.orderLine(D.line(order: "O-1", sku: "A", quantity: 1, amount: Money(micros: 10_000_000), sourceLine: 2)),
             .orderLine(D.line(order: "O-1", sku: "A", quantity: 2, amount: Money(micros: 18_000_000), sourceLine: 3))],
            into: w, file: "orders-old.txt", sha256: "sha-old", exportRank: Self.olderRank)
        #expect(rec.rowsSuperseded == 0)
        let lines = try D.orderLines(w)
        #expect(lines.count == 2)
        #expect(lines.map(\.quantity) == [1, 2])
        #expect(lines.map(\.provenance.line) == [2, 3])
        let seqs = try w.db.prepare("SELECT item_seq FROM order_lines ORDER BY item_seq")
        var found: [Int64] = []
        while try seqs.step() { found.append(seqs.int64(0)) }
        #expect(found == [0, 1])

        // The same two lines in a newer export replace both, one for one.
        let newer = try D.load(
            [.orderLine(D.line(order: "O-1", sku: "A", quantity: 1, amount: Money(micros: 9_000_000))),
             .orderLine(D.line(order: "O-1", sku: "A", quantity: 2, amount: Money(micros: 17_000_000)))],
            into: w, file: "orders-new.txt", sha256: "sha-new", exportRank: Self.newerRank)
        #expect(newer.rowsSuperseded == 2)
        #expect(try D.orderLines(w).map(\.itemAmount) == [Money(micros: 9_000_000), Money(micros: 17_000_000)])
        w.rollbackRun()
    }

    // MARK: Exact money

    @Test(arguments: [
        Int64(1),  // 0.000001
        -12_345_678,  // -12.345678
        9_000_000_000_500_000,  // 9 000 000 000.5
        0,
        Int64.max,
        Int64.min + 1,
    ])
    func moneyRoundTripsExactlyThroughIntegerMicros(micros: Int64) throws {
        let w = try freshRun()
        let m = Money(micros: micros)
        try D.load(
            [.orderLine(D.line(order: "O-1", sku: "A", amount: m, tax: m, shipping: m, discount: m)),
             .unitCost(UnitCost(provenance: Provenance(file: "c", line: 2), sku: "A", market: nil, validFrom: CivilDate(iso: "2026-01-01")!, unitCost: m.magnitude, currency: .EUR))],
            into: w, file: "a.txt", sha256: "sha-a")
        let line = try #require(try D.orderLines(w).first)
        #expect(line.itemAmount == m)
        #expect(line.tax == m)
        #expect(line.shippingCharged == m)
        #expect(line.discount == m)
        #expect(try w.unitCosts().first?.unitCost == m.magnitude)
        // Stored as SQLite integers, never as REAL.
        let types = try w.db.prepare(
            "SELECT typeof(item_amount_micros), typeof(tax_micros), typeof(shipping_micros), typeof(discount_micros) FROM order_lines")
        #expect(try types.step())
        for c in Int32(0)..<4 { #expect(types.text(c) == "integer") }
        #expect(try w.db.scalarInt("SELECT count(*) FROM unit_costs WHERE typeof(unit_cost_micros) <> 'integer'") == 0)
        w.rollbackRun()
    }

    @Test func ratesAreStoredAsScaledIntegers() throws {
        let w = try freshRun()
        try D.load(
            [.fxRate(FXRate(date: CivilDate(iso: "2026-01-02")!, base: .EUR, currency: .USD, rate: ExchangeRate(scaled: 10_823_000_001)!))],
            into: w, file: "fx.csv", sha256: "sha-fx")
        #expect(try w.db.scalarInt("SELECT rate_scaled FROM ref_fx_rates") == 10_823_000_001)
        #expect(try w.db.scalarInt("SELECT count(*) FROM ref_fx_rates WHERE typeof(rate_scaled) <> 'integer'") == 0)
        w.rollbackRun()
    }

    @Test func refundsFeesAdsTrafficAndShipmentsRoundTrip() throws {
        let w = try freshRun()
        let p = Provenance(file: "f", line: 2)
        let de = Market(code: "DE")!
        let day = CivilDate(iso: "2026-01-20")!
        let refund = Refund(provenance: p, platform: .amazon, market: de, orderID: "O-1", sku: "A", refundDate: day, amount: Money(micros: 12_340_000), currency: .EUR, unitsReturned: 1, reason: "damaged")
        let fee = PlatformFee(provenance: p, platform: .amazon, market: de, orderID: nil, sku: nil, date: day, type: .storage, amount: Money(micros: 5_000_000), currency: .EUR)
        let ad = AdPerformance(provenance: p, date: day, platform: "amazon_ads", account: "acct", campaign: "SP Lamps", adGroup: nil, sku: "A", market: de, currency: .EUR, impressions: 1000, clicks: 12, spend: Money(micros: 7_550_000), attributedOrders: nil, attributedSales: Money(micros: 40_000_000), attributionWindow: "7 Day")
        let traffic = Traffic(provenance: p, date: day, platform: .alibaba, market: de, sku: nil, impressions: 500, clicks: 20, sessions: nil, pageViews: nil, inquiries: 3, addToCarts: nil)
        let shipment = Shipment(provenance: p, trackingNumber: "000123", orderID: "O-1", carrier: "FedEx", service: nil, shipDate: day, invoiceDate: nil, promisedDate: nil, deliveryDate: nil, status: .inTransit, destination: de, weightGrams: 1500, charges: [.freight: Money(micros: 9_000_000), .dutyTax: Money(micros: 2_500_000)], currency: .EUR)
        try D.load([.refund(refund), .fee(fee), .ad(ad), .traffic(traffic), .shipment(shipment)], into: w, file: "mixed.txt", sha256: "sha-m")
        var refunds: [Refund] = []
        try w.forEachRefund { refunds.append($0) }
        #expect(refunds.count == 1 && refunds[0].amount == refund.amount && refunds[0].reason == "damaged" && refunds[0].unitsReturned == 1)
        var fees: [PlatformFee] = []
        try w.forEachFee { fees.append($0) }
        #expect(fees.count == 1 && fees[0].orderID == nil && fees[0].sku == nil && fees[0].type == .storage)
        var ads: [AdPerformance] = []
        try w.forEachAd { ads.append($0) }
        #expect(ads.count == 1 && ads[0].attributedOrders == nil && ads[0].attributedSales == Money(micros: 40_000_000) && ads[0].attributionWindow == "7 Day")
        var traffics: [Traffic] = []
        try w.forEachTraffic { traffics.append($0) }
        // Counts the source did not report stay nil, never 0.
        #expect(traffics.count == 1 && traffics[0].sessions == nil && traffics[0].inquiries == 3)
        var parcels: [(Shipment, [Warehouse.StoredCharge])] = []
        try w.forEachShipment { parcels.append(($0, $1)) }
        #expect(parcels.count == 1)
        #expect(parcels[0].0.trackingNumber == "000123")  // leading zeros kept: a string, not a number
        #expect(parcels[0].0.charges == [.freight: Money(micros: 9_000_000), .dutyTax: Money(micros: 2_500_000)])
        #expect(parcels[0].1.allSatisfy { $0.date == day })  // charges dated by ship date
        w.rollbackRun()
    }

    @Test func chargesOfOneParcelFromSeveralRowsAddUpAndAttributesMerge() throws {
        let w = try freshRun()
        let de = Market(code: "DE")!
        func row(_ line: Int, _ charges: [ChargeType: Money], delivered: CivilDate?) -> IngestedFact {
            .shipment(Shipment(provenance: Provenance(file: "f", line: line), trackingNumber: "T1", orderID: line == 2 ? "O-9" : nil, carrier: "4PX", service: nil, shipDate: CivilDate(iso: "2026-01-05"), invoiceDate: nil, promisedDate: nil, deliveryDate: delivered, status: delivered == nil ? .inTransit : .delivered, destination: de, weightGrams: nil, charges: charges, currency: .EUR))
        }
        // One row per charge (the generic forwarder layout): freight 4.00, fuel 0.50, and a second freight line 1.00.
        try D.load([
            row(2, [.freight: Money(micros: 4_000_000)], delivered: nil),
            row(3, [.fuel: Money(micros: 500_000)], delivered: CivilDate(iso: "2026-01-09")),
            row(4, [.freight: Money(micros: 1_000_000)], delivered: nil),
        ], into: w, file: "4px.csv", sha256: "sha-4px")
        var parcels: [Shipment] = []
        try w.forEachShipment { s, _ in parcels.append(s) }
        #expect(parcels.count == 1)
        // freight 4.00 + 1.00 = 5.00; fuel 0.50.
        #expect(parcels[0].charges == [.freight: Money(micros: 5_000_000), .fuel: Money(micros: 500_000)])
        #expect(parcels[0].orderID == "O-9")  // a later row without an order id does not erase it
        #expect(parcels[0].deliveryDate == CivilDate(iso: "2026-01-09"))
        #expect(parcels[0].status == .delivered)  // row 4 (in transit) does not undo row 3's delivery
        w.rollbackRun()
    }

    /// The loader binds each row's parameters afresh but keeps the file's own (id, rank, fingerprint) bound across
    /// rows: a value missing from a later row must be stored as NULL, never as the previous row's value.
    @Test func aMissingValueAfterAPresentOneIsStoredAsNull() throws {
        let w = try freshRun()
        var second = D.line(order: "O-2", sku: "B", sourceLine: 3)
        second.customerKey = nil
        let de = Market(code: "DE")!
        func parcel(_ line: Int, _ tracking: String, order: String?, weight: Int?) -> IngestedFact {
            .shipment(Shipment(provenance: Provenance(file: "f", line: line), trackingNumber: tracking, orderID: order, carrier: "4PX", service: nil, shipDate: CivilDate(iso: "2026-01-05"), invoiceDate: nil, promisedDate: nil, deliveryDate: nil, status: .inTransit, destination: de, weightGrams: weight, charges: [.freight: Money(micros: 1_000_000)], currency: .EUR))
        }
        try D.load(
            [.orderLine(D.line(order: "O-1", sku: "A", sourceLine: 2)), .orderLine(second),
             parcel(4, "T1", order: "O-1", weight: 500), parcel(5, "T2", order: nil, weight: nil)],
            into: w, file: "mixed.csv", sha256: "sha-mixed", exportRank: Self.olderRank)
        let keys = try w.db.prepare("SELECT order_id, customer_key, file_id, source_line FROM order_lines ORDER BY order_id")
        var rows: [String] = []
        while try keys.step() { rows.append("\(keys.text(0)) \(keys.optionalText(1) ?? "NULL") \(keys.int64(2)) \(keys.int64(3))") }
        #expect(rows == ["O-1 ck-O-1 1 2", "O-2 NULL 1 3"])
        let parcels = try w.db.prepare("SELECT tracking_number, order_id, weight_grams, export_rank, source_sha256, source_line FROM shipments ORDER BY tracking_number")
        var stored: [String] = []
        while try parcels.step() {
            stored.append("\(parcels.text(0)) \(parcels.optionalText(1) ?? "NULL") \(parcels.optionalInt64(2).map(String.init) ?? "NULL") \(parcels.text(3)) \(parcels.text(4)) \(parcels.int64(5))")
        }
        #expect(stored == [
            "T1 O-1 500 000000000000|\(Self.olderRank) sha-mixed 4",
            "T2 NULL NULL 000000000000|\(Self.olderRank) sha-mixed 5",
        ])
        w.rollbackRun()
    }
}
