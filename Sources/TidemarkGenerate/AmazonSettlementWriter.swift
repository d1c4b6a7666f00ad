import Foundation

/// Amazon.de's settlement reports V2, one settlement per month (`amazon-payments/settlement-de-YYYY-MM.txt`),
/// written as the EU flat file is (TAB separated, decimal comma, `dd.MM.yyyy` dates).
///
/// Per shipped All Orders line: an `Order`/`ItemFees`/`Commission` row (15 % of the line amount) and, on FBA lines,
/// an `FBAPerUnitFulfillmentFee` row. Per return of ``AmazonReturn`` on its refund day: `Refund` rows for the principal
/// (excluding VAT), its tax, the commission given back and the `RefundCommission` kept. The sales components are
/// left out (the ingest reads sales from the All Orders report), so `total-amount` is the sum of the rows written.
/// The summary row needs the total, so the month's rows go to a `.part` file first and are copied after it.
final class AmazonSettlementWriter: OrderListener {
    static let header =
        "settlement-id\tsettlement-start-date\tsettlement-end-date\tdeposit-date\ttotal-amount\tcurrency\ttransaction-type\torder-id\tmerchant-order-id\tadjustment-id\tshipment-id\tmarketplace-name\tamount-type\tamount-description\tamount\tfulfillment-id\tposted-date\tposted-date-time\torder-item-code\tmerchant-order-item-id\tmerchant-adjustment-item-id\tsku\tquantity-purchased\tpromotion-id"

    let dir: String
    let catalog: Catalog
    let seed: UInt64
    var rng: SplitMix64
    var body: ByteWriter?
    var first = CorpusGenerator.firstDay
    var last = CorpusGenerator.firstDay
    var total = 0
    var rows = 0
    var adjustments = 0
    var pending = PendingReturns()

    init(dir: String, catalog: Catalog, seed: UInt64) {
        self.dir = dir
        self.catalog = catalog
        self.seed = seed
        self.rng = SplitMix64(seed: seed, stream: 42)
    }

    var path: String { "amazon-payments/settlement-de-\(first.monthKey).txt" }

    func beginMonth(first: Day, last: Day) throws {
        self.first = first
        self.last = last
        body = try ByteWriter(path: dir + "/" + path + ".part")
        total = 0
        rows = 0
    }

    func amazonOrder(_ order: AmazonOrderEvent) throws {
        guard order.site == AmazonMoney.de, order.isShipped, let w = body else { return }
        let site = Catalog.sites[order.site]
        let (day, seconds) = AmazonMoney.posting(order, &rng)
        for (i, line) in order.lines.enumerated() {
            let product = catalog.products[line.product]
            let shipping = i == 0 ? order.shipping : 0
            try row(w, type: "Order", order: order, adjustment: nil, kind: "ItemFees", description: "Commission",
                    amount: -AmazonMoney.commission(line.amount + shipping), day: day, seconds: seconds, line: i, sku: product.sku,
                    quantity: line.quantity)
            if !order.merchantFulfilled {
                try row(w, type: "Order", order: order, adjustment: nil, kind: "ItemFees", description: "FBAPerUnitFulfillmentFee",
                        amount: -AmazonMoney.fbaPerUnit(product, site) * line.quantity, day: day, seconds: seconds, line: i,
                        sku: product.sku, quantity: line.quantity)
            }
        }
        if let r = AmazonReturn.decide(order, seed: seed) { pending.addRefund(r) }
    }

    func endDay(_ day: Day) throws {
        guard let w = body else { return }
        for r in pending.take(day) {
            adjustments += 1
            let sku = catalog.products[r.line.product].sku
            let given = AmazonMoney.commission(r.amount)
            let components: [(String, String, Int)] = [
                ("ItemPrice", "Principal", -(r.amount - r.tax)), ("ItemPrice", "Tax", -r.tax),
                ("ItemFees", "Commission", given), ("ItemFees", "RefundCommission", -AmazonMoney.refundCommission(given)),
            ]
            for (kind, description, amount) in components {
                try row(w, type: "Refund", order: r.order, adjustment: adjustments, kind: kind, description: description,
                        amount: amount, day: day, seconds: r.seconds, line: 0, sku: sku, quantity: r.units)
            }
        }
    }

    func endMonth() throws -> [GeneratedFile] {
        guard let part = body else { return [] }
        body = nil
        _ = try part.finish()
        let partPath = dir + "/" + path + ".part"
        let w = try ByteWriter(path: dir + "/" + path)
        w.text(Self.header); try w.endRow()
        let next = last.adding(1)
        w.int(AmazonMoney.settlementID(11_734_567_800, first)); w.tab()
        for d in [first, next, next.adding(2)] { w.dateDotted(d); w.text(" 00:00:00 UTC"); w.tab() }
        w.amountComma(total, digits: 2); w.text("\tEUR")
        for _ in 0..<18 { w.tab() }
        try w.endRow()
        w.bytes(Array(try Data(contentsOf: URL(fileURLWithPath: partPath))))
        try FileManager.default.removeItem(atPath: partPath)
        return [GeneratedFile(path: path, kind: "amazon_settlement_v2", rows: rows + 1, bytes: try w.finish())]
    }

    /// One component row.
    func row(_ w: ByteWriter, type: String, order: AmazonOrderEvent, adjustment: Int?, kind: String, description: String,
             amount: Int, day: Day, seconds: Int, line: Int, sku: String, quantity: Int) throws {
        w.int(AmazonMoney.settlementID(11_734_567_800, first))
        for _ in 0..<6 { w.tab() }
        w.text(type); w.tab(); w.text(order.id); w.tab(); w.tab()
        if let adjustment { w.text("AD"); w.padded(adjustment, width: 8) }
        w.tab(); w.tab()
        w.text("Amazon.de"); w.tab(); w.text(kind); w.tab(); w.text(description); w.tab()
        w.amountComma(amount, digits: 2); w.tab()
        w.text(order.merchantFulfilled ? "MFN" : "AFN"); w.tab()
        w.dateDotted(day); w.tab()
        w.dateDotted(day); w.byte(0x20); w.time(seconds); w.text(" UTC"); w.tab()
        w.text(String(order.id.suffix(7))); w.int(line); w.tab(); w.tab(); w.tab()
        w.text(sku); w.tab(); w.int(quantity); w.tab()
        try w.endRow()
        total += amount
        rows += 1
    }
}
