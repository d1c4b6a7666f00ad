/// Amazon.com's payments "Date Range" transaction report, one file per month
/// (`amazon-payments/date-range-us-YYYY-MM.csv`): an `Order` row per shipped line of the All Orders report (same
/// order id, SKU, quantity, amount and tax; selling fee 15 %, FBA fee per unit on FBA lines) and a `Refund` row
/// per return of ``AmazonReturn`` on its refund day. Times are US Pacific (PST/PDT) as Amazon writes them.
final class AmazonDateRangeWriter: OrderListener {
    static let header =
        "date/time,settlement id,type,order id,sku,description,quantity,marketplace,account type,fulfillment,order city,order state,order postal,tax collection model,product sales,product sales tax,shipping credits,shipping credits tax,gift wrap credits,giftwrap credits tax,Regulatory Fee,Tax On Regulatory Fee,promotional rebates,promotional rebates tax,marketplace withheld tax,selling fees,fba fees,other transaction fees,other,total"
    static let preamble = [
        "Includes Amazon Marketplace, Fulfillment by Amazon (FBA), and Amazon Webstore transactions",
        "All amounts in USD, unless specified", "Definitions:",
        "Sales tax collected: Includes sales tax collected from buyers for product sales, shipping, and gift wrap.",
        "Selling fees: Includes variable closing fees and referral fees.",
        "Other transaction fees: Includes shipping chargebacks, shipping holdbacks, per-item fees  and sales tax collection fees.",
        "Other: Includes non-order transaction amounts. For more details, see the \"\"Type\"\" and \"\"Description\"\" columns for each order ID.",
    ]

    let dir: String
    let catalog: Catalog
    let seed: UInt64
    var rng: SplitMix64
    var writer: ByteWriter?
    var path = ""
    var rows = 0
    var pending = PendingReturns()

    init(dir: String, catalog: Catalog, seed: UInt64) {
        self.dir = dir
        self.catalog = catalog
        self.seed = seed
        self.rng = SplitMix64(seed: seed, stream: 41)
    }

    func beginMonth(first: Day, last: Day) throws {
        path = "amazon-payments/date-range-us-\(first.monthKey).csv"
        let w = try ByteWriter(path: dir + "/" + path)
        for line in Self.preamble { w.byte(0x22); w.text(line); w.byte(0x22); try w.endRow(crlf: true) }
        w.text(Self.header); try w.endRow(crlf: true)
        writer = w
        rows = 0
    }

    func amazonOrder(_ order: AmazonOrderEvent) throws {
        guard order.site == AmazonMoney.us, order.isShipped, let w = writer else { return }
        let site = Catalog.sites[order.site]
        let (day, seconds) = AmazonMoney.posting(order, &rng)
        for (i, line) in order.lines.enumerated() {
            let product = catalog.products[line.product]
            let shipping = i == 0 ? order.shipping : 0
            let selling = AmazonMoney.commission(line.amount + shipping)
            let fba = order.merchantFulfilled ? 0 : AmazonMoney.fbaPerUnit(product, site) * line.quantity
            try row(w, day: day, seconds: seconds, type: "Order", order: order, sku: product.sku, name: product.name,
                    quantity: line.quantity, sales: line.amount, tax: line.tax, shipping: shipping, selling: -selling, fba: -fba)
        }
        if let r = AmazonReturn.decide(order, seed: seed) { pending.addRefund(r) }
    }

    func endDay(_ day: Day) throws {
        guard let w = writer else { return }
        for r in pending.take(day) {
            let product = catalog.products[r.line.product]
            let given = AmazonMoney.commission(r.amount)
            let back = given - AmazonMoney.refundCommission(given)
            try row(w, day: day, seconds: r.seconds, type: "Refund", order: r.order, sku: product.sku, name: product.name,
                    quantity: r.units, sales: -r.amount, tax: -r.tax, shipping: 0, selling: back, fba: 0)
        }
    }

    func endMonth() throws -> [GeneratedFile] {
        guard let w = writer else { return [] }
        writer = nil
        return [GeneratedFile(path: path, kind: "amazon_date_range", rows: rows, bytes: try w.finish())]
    }

    /// One transaction row; amounts in cents, fees as exported (negative for a charge).
    func row(_ w: ByteWriter, day: Day, seconds: Int, type: String, order: AmazonOrderEvent, sku: String, name: String,
             quantity: Int, sales: Int, tax: Int, shipping: Int, selling: Int, fba: Int) throws {
        Self.pacificTime(w, day: day, seconds: seconds); w.comma()
        w.int(AmazonMoney.settlementID(11_701_234_500, day)); w.comma()
        w.text(type); w.comma()
        w.text(order.id); w.comma()
        w.text(sku); w.comma()
        w.csvField(name); w.comma()
        w.int(quantity); w.text(",amazon.com,Standard Orders,")
        w.text(order.merchantFulfilled ? "Seller" : "Amazon"); w.comma()
        w.csvField(order.city.0); w.comma(); w.text(order.city.1); w.comma(); w.text(order.city.2)
        w.text(",MarketplaceFacilitator,")
        w.amount(sales, digits: 2); w.comma()
        w.amount(tax, digits: 2); w.comma()
        w.amount(shipping, digits: 2); w.text(",0,0,0,0,0,0.00,0,")
        w.amount(-tax, digits: 2); w.comma()  // the facilitator keeps the sales tax
        w.amount(selling, digits: 2); w.comma()
        w.amount(fba, digits: 2); w.text(",0,0,")
        w.amount(sales + shipping + selling + fba, digits: 2)
        try w.endRow(crlf: true)
        rows += 1
    }

    /// `"Aug 2, 2026 11:00:00 PM PDT"`: the UTC instant in US Pacific time (DST from 2026-03-08 10:00 UTC to
    /// 2026-11-01 09:00 UTC, and until 2025-11-02 09:00 UTC).
    static func pacificTime(_ w: ByteWriter, day: Day, seconds: Int) {
        let instant = day.epochDay * 86_400 + seconds
        let dstStart = Day(2026, 3, 8).epochDay * 86_400 + 10 * 3600
        let dstEnd = Day(2026, 11, 1).epochDay * 86_400 + 9 * 3600
        let dst2025End = Day(2025, 11, 2).epochDay * 86_400 + 9 * 3600
        let daylight = instant < dst2025End || (instant >= dstStart && instant < dstEnd)
        let local = instant - (daylight ? 7 : 8) * 3600
        let d = Day(epochDay: local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
        let s = local - d.epochDay * 86_400
        let hour = s / 3600
        w.byte(0x22)
        w.text(Day.monthAbbreviations[d.month - 1]); w.byte(0x20); w.int(d.day); w.text(", "); w.int(d.year); w.byte(0x20)
        w.int(hour % 12 == 0 ? 12 : hour % 12); w.byte(0x3A); w.padded(s / 60 % 60, width: 2); w.byte(0x3A); w.padded(s % 60, width: 2)
        w.text(hour < 12 ? " AM " : " PM "); w.text(daylight ? "PDT" : "PST")
        w.byte(0x22)
    }
}
