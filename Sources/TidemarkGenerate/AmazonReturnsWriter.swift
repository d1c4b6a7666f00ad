/// The units of the returns of ``AmazonReturn``, in the two reports that carry them (money comes from the payment
/// reports): the FBA customer returns report for Amazon.com's FBA orders (`fba-customer-returns-us.txt`) and the
/// returns report by return date for Amazon.com's merchant-fulfilled and all of Amazon.de's orders
/// (`returns-us.txt`, `returns-de.txt`). The two kinds never name the same return, so no unit counts twice. One
/// file each for the whole year (returns are few), rows in date order.
final class AmazonReturnsWriter: OrderListener {
    static let returnsHeader =
        "Order ID\tOrder date\tReturn request date\tReturn request status\tAmazon RMA ID\tMerchant RMA ID\tLabel type\tLabel cost\tCurrency code\tReturn carrier\tTracking ID\tLabel to be paid by\tA-to-Z Claim\tIs prime\tASIN\tMerchant SKU\tItem Name\tReturn quantity\tReturn Reason\tIn policy\tReturn type\tResolution\tInvoice number\tReturn delivery date\tOrder Amount\tOrder quantity\tSafeT Action reason\tSafeT claim id\tSafeT claim state\tSafeT claim creation time\tSafeT claim reimbursement amount\tRefunded Amount"
    static let fbaHeader =
        "return-date\torder-id\tsku\tasin\tfnsku\tproduct-name\tquantity\tfulfillment-center-id\tdetailed-disposition\treason\tstatus\tlicense-plate-number\tcustomer-comments"
    static let dispositions = ["SELLABLE", "SELLABLE", "CUSTOMER_DAMAGED", "DEFECTIVE", "CARRIER_DAMAGED"]

    let dir: String
    let catalog: Catalog
    let seed: UInt64
    var rng: SplitMix64
    var pending = PendingReturns()
    var fbaUS: ByteWriter?
    var returnsUS: ByteWriter?
    var returnsDE: ByteWriter?
    var counter = 0
    var month = CorpusGenerator.firstDay

    init(dir: String, catalog: Catalog, seed: UInt64) {
        self.dir = dir
        self.catalog = catalog
        self.seed = seed
        self.rng = SplitMix64(seed: seed, stream: 43)
    }

    func beginMonth(first: Day, last: Day) throws {
        month = last
        guard fbaUS == nil else { return }
        let fba = try ByteWriter(path: dir + "/amazon-payments/fba-customer-returns-us.txt")
        fba.text(Self.fbaHeader); try fba.endRow()
        fbaUS = fba
        for market in ["us", "de"] {
            let w = try ByteWriter(path: dir + "/amazon-payments/returns-\(market).txt")
            w.text(Self.returnsHeader); try w.endRow()
            if market == "us" { returnsUS = w } else { returnsDE = w }
        }
    }

    func amazonOrder(_ order: AmazonOrderEvent) throws {
        if let r = AmazonReturn.decide(order, seed: seed) { pending.add(r) }
    }

    func endDay(_ day: Day) throws {
        for r in pending.take(day) {
            counter += 1
            let product = catalog.products[r.line.product]
            if r.order.site == AmazonMoney.us && !r.order.merchantFulfilled {
                guard let w = fbaUS else { continue }
                w.date(day); w.byte(0x54); w.time(r.seconds); w.text("+00:00"); w.tab()
                w.text(r.order.id); w.tab(); w.text(product.sku); w.tab(); w.text(product.asin); w.tab()
                w.text("X001"); w.text(String(product.asin.suffix(6))); w.tab()
                w.text(product.name); w.tab(); w.int(r.units); w.tab()
                w.text(["PHX7", "ONT8", "BFI4"][rng.below(3)]); w.tab()
                w.text(Self.dispositions[rng.below(Self.dispositions.count)]); w.tab()
                w.text(r.reason); w.tab(); w.text("Unit returned to inventory"); w.tab()
                w.text("LPN"); w.padded(93_000_000 + counter, width: 8); w.tab()
                try w.endRow()
            } else {
                guard let w = r.order.site == AmazonMoney.us ? returnsUS : returnsDE else { continue }
                let site = Catalog.sites[r.order.site]
                w.text(r.order.id); w.tab()
                w.date(r.order.day); w.byte(0x54); w.time(r.order.seconds); w.text("Z"); w.tab()
                w.padded(day.day, width: 2); w.byte(0x2D); w.text(Day.monthAbbreviations[day.month - 1]); w.byte(0x2D); w.int(day.year); w.tab()
                w.text("Approved"); w.tab()
                w.text("D"); w.padded(counter, width: 7); w.text("RMA"); w.tab(); w.tab()
                w.text("AmazonUnPaidLabel"); w.tab(); w.tab()
                w.text(site.currency); w.tab()
                w.text(site.country == "US" ? "UPS" : "DHL"); w.tab()
                w.text(site.country == "US" ? "1Z" : "JJD"); w.padded(44_000_000 + counter * 7919 % 10_000_000, width: 8); w.tab()
                w.text("Customer\tN\t"); w.text(r.order.merchantFulfilled ? "N" : "Y"); w.tab()
                w.text(product.asin); w.tab(); w.text(product.sku); w.tab(); w.text(product.name); w.tab()
                w.int(r.units); w.tab(); w.text(r.reason); w.text("\tY\tC-Returns\tStandardRefund\t\t\t")
                w.amount(r.line.amount, digits: site.digits); w.tab(); w.int(r.line.quantity)
                w.text("\t\t\t\t\t\t")
                w.amount(r.amount - r.tax, digits: site.digits)
                try w.endRow()
            }
        }
    }

    /// Nothing until the last month; then closes the year's files and returns them.
    func endMonth() throws -> [GeneratedFile] {
        guard month.epochDay == CorpusGenerator.lastDay.epochDay else { return [] }
        var files: [GeneratedFile] = []
        for (path, kind, writer) in [
            ("amazon-payments/fba-customer-returns-us.txt", "amazon_fba_customer_returns", fbaUS),
            ("amazon-payments/returns-us.txt", "amazon_returns", returnsUS), ("amazon-payments/returns-de.txt", "amazon_returns", returnsDE),
        ] {
            guard let writer else { continue }
            files.append(GeneratedFile(path: path, kind: kind, rows: writer.rows - 1, bytes: try writer.finish()))
        }
        fbaUS = nil; returnsUS = nil; returnsDE = nil
        return files
    }
}
