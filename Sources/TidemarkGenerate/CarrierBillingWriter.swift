/// Parcels the seller ships itself, as the carriers bill them, for orders that exist and that no forwarder shipped
/// (so no parcel is charged twice). One file per format for the year (parcels are few; UPS billing data has no
/// header, so an empty file could not even be recognised: the first eligible order of the year is always billed):
///
/// - `logistics/fedex-billing.csv` — FedEx Billing Online, All Columns: 15 % of Amazon.com's merchant-fulfilled
///   orders, FedEx Ground from Reno, freight + fuel surcharge + earned discount (sometimes a delivery area
///   surcharge), reference = the Amazon order id.
/// - `logistics/ups-billing-data.csv` — UPS billing data (header-less): 6 % of the Shopify store's orders outside
///   the US, Worldwide Saver from China, one line per charge (freight, fuel, import duty on a third).
/// - `logistics/shipstation-shipments.csv` — ShipStation: 20 % of the store's US orders, USPS labels, one row per
///   item (the ingest counts a label once).
final class CarrierBillingWriter: OrderListener {
    static let shipStationHeader =
        "Order - Number,Date - Shipped Date,Shipment - Tracking Number,Shipment - Carrier,Shipment - Service,Item - SKU,Item - Qty,Ship To - Country,Shipment - Cost,Shipment - Currency"
    static var fedexHeader: String {
        "Bill to Account Number,Invoice Date,Invoice Number,Store ID,Original Amount Due,Current Balance,Payor,Ground Tracking ID Prefix,Express or Ground Tracking ID,Transportation Charge Amount,Net Charge Amount,Service Type,Ground Service,Shipment Date,POD Delivery Date,POD Delivery Time,POD Service Area Code,POD Signature Description,Actual Weight Amount,Actual Weight Units,Rated Weight Amount,Rated Weight Units,Number of Pieces,Bundle Number,Meter Number,TDMaster Tracking ID,Service Packaging,Dim Length,Dim Width,Dim Height,Dim Divisor,Dim Unit,Shipper Company,Shipper City,Shipper State,Shipper Postal Code,Shipper Country/Territory,Recipient Company,Recipient City,Recipient State,Recipient Postal Code,Recipient Country/Territory,Original Customer Reference,Original Ref#2,Original Ref#3/PO Number,Currency Code,Zone Code"
            + String(repeating: ",Tracking ID Charge Description,Tracking ID Charge Amount", count: 25)
    }
    /// UPS billing data fields per line.
    static let upsFields = 250

    let dir: String
    let catalog: Catalog
    var rng: SplitMix64
    var fedex: ByteWriter?
    var ups: ByteWriter?
    var shipStation: ByteWriter?
    var fedexRows = 0, upsRows = 0, shipStationRows = 0
    var parcels = 0
    var month = CorpusGenerator.firstDay

    init(dir: String, catalog: Catalog, seed: UInt64) {
        self.dir = dir
        self.catalog = catalog
        self.rng = SplitMix64(seed: seed, stream: 45)
    }

    func beginMonth(first: Day, last: Day) throws {
        month = last
        guard fedex == nil else { return }
        let f = try ByteWriter(path: dir + "/logistics/fedex-billing.csv")
        f.bytes([0xEF, 0xBB, 0xBF]); f.text(Self.fedexHeader); try f.endRow(crlf: true)
        fedex = f
        ups = try ByteWriter(path: dir + "/logistics/ups-billing-data.csv")
        let s = try ByteWriter(path: dir + "/logistics/shipstation-shipments.csv")
        s.text(Self.shipStationHeader); try s.endRow(crlf: true)
        shipStation = s
    }

    /// Ship date (one or two days after the order), never after the corpus year.
    func shipDay(_ day: Day) -> Day {
        let d = day.adding(1 + rng.below(2))
        return d.epochDay > CorpusGenerator.lastDay.epochDay ? CorpusGenerator.lastDay : d
    }

    func amazonOrder(_ order: AmazonOrderEvent) throws {
        guard order.site == AmazonMoney.us, order.isShipped, order.merchantFulfilled, !order.forwarderShipped, let w = fedex else { return }
        guard fedexRows == 0 || rng.chance(0.15) else { return }
        parcels += 1
        let ship = shipDay(order.day)
        let transit = 2 + rng.below(4)
        let delivered = ship.adding(transit)
        let pounds = 8 + rng.below(90)  // tenths of a pound
        let freight = 890 + pounds * 9 + rng.below(200)
        let fuel = freight * 155 / 1000
        let discount = -(freight * 12 / 100)
        var charges: [(String, Int)] = [("Fuel Surcharge", fuel)]
        if rng.chance(0.2) { charges.append(("Delivery Area Surcharge", 410)) }
        charges.append(("Earned Discount", discount))
        let net = freight + charges.reduce(0) { $0 + $1.1 }
        var f = [String](repeating: "", count: 47)
        f[0] = "123456789"; f[1] = Self.compact(ship.adding(2 + (9 - ship.weekday) % 7)); f[2] = "7-\(516_000_000 + parcels)"
        f[6] = "Shipper"; f[8] = String(746_000_000_000 + parcels * 7919)
        f[9] = CorpusGenerator.money(freight, 2); f[10] = CorpusGenerator.money(net, 2)
        f[11] = "FedEx Ground"; f[12] = "Home Delivery"; f[13] = Self.compact(ship)
        if delivered.epochDay <= CorpusGenerator.lastDay.epochDay {
            f[14] = Self.compact(delivered); f[15] = "0925"; f[16] = "A1"; f[17] = "Signature not required"
        }
        f[18] = "\(pounds / 10).\(pounds % 10)"; f[19] = "L"; f[20] = String(pounds / 10 + 1); f[21] = "L"; f[22] = "1"
        f[26] = "YOUR PACKAGING"
        f[32] = "HARBOR & PINE LLC"; f[33] = "RENO"; f[34] = "NV"; f[35] = "89502"; f[36] = "US"
        f[38] = order.city.0.uppercased(); f[39] = order.city.1; f[40] = order.city.2; f[41] = "US"
        f[42] = order.id; f[45] = "USD"; f[46] = String(2 + rng.below(7))
        for (description, amount) in charges { f.append(description); f.append(CorpusGenerator.money(amount, 2)) }
        while f.count < 97 { f.append("") }
        try Self.csv(w, f, crlf: true)
        fedexRows += 1
    }

    func shopifyOrder(_ order: ShopifyOrderEvent) throws {
        guard order.fulfilled, !order.forwarderShipped else { return }
        let market = CorpusGenerator.shopifyMarkets[order.market]
        if market.country == "US" {
            guard let w = shipStation, shipStationRows == 0 || rng.chance(0.2) else { return }
            parcels += 1
            let ship = shipDay(order.day)
            let cost = 395 + rng.below(500)
            let tracking = "94001112025558\(String(42_000_000 + parcels))"
            let seconds = 13 * 3600 + rng.below(5 * 3600)
            let hour = seconds / 3600
            let stamp = "\(ship.month)/\(ship.day)/\(ship.year) \(hour > 12 ? hour - 12 : hour):\(Self.two(seconds / 60 % 60)):\(Self.two(seconds % 60)) \(hour >= 12 ? "PM" : "AM")"
            for line in order.lines {
                try Self.csv(w, [order.name, stamp, tracking, "USPS", "Ground Advantage", catalog.products[line.product].sku,
                                 String(line.quantity), "US", CorpusGenerator.money(cost, 2), "USD"], crlf: true)
                shipStationRows += 1
            }
        } else {
            guard let w = ups, upsRows == 0 || rng.chance(0.06) else { return }
            parcels += 1
            let ship = shipDay(order.day)
            let grams = 400 + rng.below(2600)
            let freight = 1800 + grams * 6 / 10 + rng.below(300)
            var charges: [(String, String, String, Int)] = [("FRT", "WWS", "Worldwide Saver", freight), ("FSC", "FSC", "Fuel Surcharge", freight * 18 / 100)]
            if rng.chance(0.33) { charges.append(("GOV", "IMD", "Import Duty", max(150, order.subtotal / 10))) }
            let invoice = ship.adding(7 + (7 - ship.weekday) % 7)
            let total = charges.reduce(0) { $0 + $1.3 }
            let tracking = "1Z98086766\(String(25_000_000 + parcels * 37))"
            for (i, charge) in charges.enumerated() {
                var f = [String](repeating: "", count: Self.upsFields)
                f[0] = "2.1"; f[1] = "0000A1B2C3"; f[2] = "0000A1B2C3"; f[3] = "CN"
                f[4] = Self.iso(invoice); f[5] = "0000A1B2C3\(invoice.month)\(invoice.day)"; f[6] = "E"
                f[9] = "USD"; f[10] = CorpusGenerator.money(total, 2); f[11] = Self.iso(ship)
                f[15] = order.name; f[20] = tracking
                if i == 0 {
                    let kg = "\(grams / 1000).\(Self.two(grams % 1000 / 10))"
                    f[26] = kg; f[27] = "K"; f[28] = kg; f[29] = "K"
                }
                f[34] = "SHP"; f[43] = charge.0; f[44] = charge.1; f[45] = charge.2
                f[50] = "USD"; f[52] = CorpusGenerator.money(charge.3, 2); f[75] = market.country
                try Self.csv(w, f, crlf: false)
                upsRows += 1
            }
        }
    }

    /// Nothing until the last month; then closes the year's files and returns them.
    func endMonth() throws -> [GeneratedFile] {
        guard month.epochDay == CorpusGenerator.lastDay.epochDay, let f = fedex, let u = ups, let s = shipStation else { return [] }
        fedex = nil; ups = nil; shipStation = nil
        return [
            GeneratedFile(path: "logistics/fedex-billing.csv", kind: "fedex_billing", rows: fedexRows, bytes: try f.finish()),
            GeneratedFile(path: "logistics/ups-billing-data.csv", kind: "ups_billing", rows: upsRows, bytes: try u.finish()),
            GeneratedFile(path: "logistics/shipstation-shipments.csv", kind: "shipstation_shipments", rows: shipStationRows, bytes: try s.finish()),
        ]
    }

    static func csv(_ w: ByteWriter, _ fields: [String], crlf: Bool) throws {
        for (i, field) in fields.enumerated() {
            if i > 0 { w.comma() }
            w.csvField(field)
        }
        try w.endRow(crlf: crlf)
    }

    static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }
    static func compact(_ d: Day) -> String { "\(d.year)\(two(d.month))\(two(d.day))" }
    static func iso(_ d: Day) -> String { "\(d.year)-\(two(d.month))-\(two(d.day))" }
}
