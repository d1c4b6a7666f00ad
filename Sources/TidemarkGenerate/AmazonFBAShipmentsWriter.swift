/// Amazon's "FBA Amazon fulfilled shipments" report for Amazon.co.jp, one file per month
/// (`amazon-payments/fba-shipments-jp-YYYY-MM.txt`): a row per item of a quarter of the shipped FBA orders of that
/// marketplace (same order id, SKU, quantity, price and tax as the All Orders report), one parcel per order. Only
/// a sample of Amazon.co.jp is written, to keep the corpus bounded; the report carries no charges (FBA fees come
/// from the payment reports), so the sample changes no money.
final class AmazonFBAShipmentsWriter: OrderListener {
    static let header =
        "amazon-order-id\tmerchant-order-id\tshipment-id\tshipment-item-id\tamazon-order-item-id\tmerchant-order-item-id\tpurchase-date\tpayments-date\tshipment-date\treporting-date\tbuyer-email\tbuyer-name\tbuyer-phone-number\tsku\tproduct-name\tquantity-shipped\tcurrency\titem-price\titem-tax\tshipping-price\tshipping-tax\tgift-wrap-price\tgift-wrap-tax\tship-service-level\trecipient-name\tship-address-1\tship-address-2\tship-address-3\tship-city\tship-state\tship-postal-code\tship-country\tship-phone-number\tbill-address-1\tbill-address-2\tbill-address-3\tbill-city\tbill-state\tbill-postal-code\tbill-country\titem-promotion-discount\tship-promotion-discount\tcarrier\ttracking-number\testimated-arrival-date\tfulfillment-center-id\tfulfillment-channel\tsales-channel"
    /// Share of the FBA orders written: a sample keeps the report small (it carries no money).
    static let sampleShare = 0.25
    /// Index of Amazon.co.jp in ``Catalog/sites``.
    static let site = 6

    let dir: String
    let catalog: Catalog
    var rng: SplitMix64
    var writer: ByteWriter?
    var path = ""
    var parcels = 0

    init(dir: String, catalog: Catalog, seed: UInt64) {
        self.dir = dir
        self.catalog = catalog
        self.rng = SplitMix64(seed: seed, stream: 46)
    }

    func beginMonth(first: Day, last: Day) throws {
        path = "amazon-payments/fba-shipments-jp-\(first.monthKey).txt"
        let w = try ByteWriter(path: dir + "/" + path)
        w.text(Self.header); try w.endRow()
        writer = w
    }

    func amazonOrder(_ order: AmazonOrderEvent) throws {
        guard order.site == Self.site, order.isShipped, !order.merchantFulfilled, let w = writer else { return }
        // The month's first FBA order is always written, so no month's report is empty at small scales.
        guard w.rows == 1 || rng.chance(Self.sampleShare) else { return }
        parcels += 1
        let shipSeconds = order.seconds + 3600 * (8 + rng.below(30))
        let shipDay = order.day.adding(shipSeconds / 86_400)
        let arrival = shipDay.adding(1 + rng.below(2))
        let tracking = 340_000_000_000 + parcels * 7919
        for (i, line) in order.lines.enumerated() {
            let product = catalog.products[line.product]
            w.text(order.id); w.tab(); w.tab()
            w.text("D"); w.padded(parcels, width: 8); w.tab()
            w.text("Dq"); w.int(parcels); w.int(i); w.tab()
            w.padded(parcels * 10 + i, width: 14); w.tab(); w.tab()
            w.date(order.day); w.byte(0x54); w.time(order.seconds); w.text("+00:00"); w.tab()
            w.date(order.day); w.byte(0x54); w.time(order.seconds); w.text("+00:00"); w.tab()
            for _ in 0..<2 { w.date(shipDay); w.byte(0x54); w.time(shipSeconds % 86_400); w.text("+00:00"); w.tab() }
            w.text(String(order.id.suffix(7))); w.text("@marketplace.amazon.co.jp"); w.tab()
            w.text("Buyer"); w.tab(); w.tab()
            w.text(product.sku); w.tab(); w.text(product.name); w.tab(); w.int(line.quantity); w.tab()
            w.text("JPY"); w.tab(); w.int(line.amount); w.tab(); w.int(line.tax); w.tab()
            for _ in 0..<4 { w.tab() }  // shipping and gift wrap
            w.text("Standard"); w.tab(); w.text("Buyer"); w.tab()
            w.tab(); w.tab(); w.tab()  // address lines (not kept)
            w.text(order.city.0); w.tab(); w.text(order.city.1); w.tab(); w.text(order.city.2); w.tab()
            w.text(order.country); w.tab()
            for _ in 0..<10 { w.tab() }  // phone, bill-to, promotions
            w.text("AMZN_JP"); w.tab()
            w.text("TBA"); w.int(tracking); w.tab()
            w.date(arrival); w.text("T12:00:00+00:00"); w.tab()
            w.text("NRT5"); w.tab(); w.text("AFN"); w.tab(); w.text("Amazon.co.jp")
            try w.endRow()
        }
    }

    func endMonth() throws -> [GeneratedFile] {
        guard let w = writer else { return [] }
        writer = nil
        return [GeneratedFile(path: path, kind: "amazon_fba_shipments", rows: w.rows - 1, bytes: try w.finish())]
    }
}
