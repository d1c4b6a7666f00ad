/// eBay Seller Hub orders reports, a small extra channel: 2.5 % of the corpus's order lines on top of Amazon and
/// Shopify, 60 % on ebay.com (`ebay/ebay-orders-us-YYYY-MM.csv`, `$42.00`, `Sep-01-26`) and 40 % on ebay.de
/// (`ebay/ebay-orders-de-YYYY-MM.csv`, `EUR 27,99`, `01-Oct-26`: load with `decimal: comma`). Framing as Seller Hub
/// writes it: an all-commas first line, the header, an all-commas padding row, the orders, a blank line and two
/// footer lines, CRLF. Buyers come back (a pool of repeat buyers per site, keyed by username and email);
/// multi-item orders are a summary row followed by their item rows.
extension CorpusGenerator {
    static let ebayHeader =
        "\"Sales Record Number\",\"Order Number\",Buyer Username,Buyer Name,Buyer Email,Buyer Note,Buyer Address 1,Buyer Address 2,Buyer City,Buyer State,Buyer Zip,Buyer Country,Buyer Tax Identifier Name,Buyer Tax Identifier Value,Ship To Name,Ship To Phone,Ship To Address 1,Ship To Address 2,Ship To City,Ship To State,Ship To Zip,Ship To Country,Item Number,\"Item Title\",Custom Label,Sold Via Promoted Listings,Quantity,\"Sold For\",Shipping And Handling,Item Location,Item Zip Code,Item Country,eBay Collect And Remit Tax Rate,eBay Collect And Remit Tax Type,eBay Reference Name,eBay Reference Value,Tax Status,Seller Collected Tax,eBay Collected Tax,Electronic Waste Recycling Fee,Mattress Recycling Fee,Battery Recycling Fee,White Goods Disposal Tax,Tire Recycling Fee,Additional Fee,Lumber Fee,Prepaid Wireless Fee,Road Improvement And Food Delivery Fee,eBay Collected Charges,\"Total Price\",eBay Collected Tax and Fees Included in Total,Payment Method,Sale Date,Paid On Date,Ship By Date,Minimum Estimated Delivery Date,Maximum Estimated Delivery Date,Shipped On Date,Feedback Left,Feedback Received,My Item Note,PayPal Transaction ID,Shipping Service,Tracking Number,Transaction ID,Variation Details,Global Shipping Program,Global Shipping Reference ID,Click And Collect,Click And Collect Reference Number,eBay Plus,Authenticity Verification Program,Authenticity Verification Status,Authenticity Verification Outcome Reason,PSA Vault Program,Vault Fulfillment Type,eBay Fulfillment Program,Tax City,Tax State,Tax Zip,Tax Country,eBay International Shipping"

    /// An eBay site of the generated seller.
    struct EbaySite {
        let code: String
        let share: Double
        let country: String
        let currencyText: String
        let comma: Bool
        let factor: Double
        /// eBay-collected sales tax in basis points (US marketplace facilitator tax), 0 on VAT-inclusive sites.
        let taxBasisPoints: Int
        let cities: [String]
        let usernamePrefix: String
        let emailDomain: String
        let service: String
        let shipping: Int
    }

    static let ebaySites = [
        EbaySite(code: "us", share: 0.6, country: "United States", currencyText: "$", comma: false, factor: 1.02, taxBasisPoints: 725,
                 cities: ["Springfield", "Columbus", "Tucson", "Raleigh"], usernamePrefix: "hp_", emailDomain: "example.com",
                 service: "USPS Ground Advantage", shipping: 650),
        EbaySite(code: "de", share: 0.4, country: "Deutschland", currencyText: "EUR ", comma: true, factor: 0.97, taxBasisPoints: 0,
                 cities: ["Leipzig", "Hannover", "Dresden", "Bremen"], usernamePrefix: "kunde_", emailDomain: "example.de",
                 service: "DHL Paket", shipping: 490),
    ]

    /// eBay order lines for the year (2.5 % of the corpus's Amazon and Shopify lines).
    var ebayLines: Int { max(24, totalOrderLines * 25 / 1000) }

    func writeEbay(_ dir: String) throws -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        let column = Dictionary(uniqueKeysWithValues: Self.ebayHeader.split(separator: ",").enumerated().map {
            (String($0.element).replacingOccurrences(of: "\"", with: ""), $0.offset)
        })
        for (s, site) in Self.ebaySites.enumerated() {
            var rng = SplitMix64(seed: options.seed, stream: 50 &+ UInt64(s))
            var budget = DailyBudget(total: Int((Double(ebayLines) * site.share).rounded()))
            let buyers = BuyerPool(size: max(10, budget.total / 3))
            var record = s == 0 ? 3100 : 7200
            for (first, last) in Self.months {
                let path = "ebay/ebay-orders-\(site.code)-\(first.monthKey).csv"
                let w = try ByteWriter(path: dir + "/" + path)
                let blank = String(repeating: ",", count: column.count - 1)
                w.text(blank); try w.endRow(crlf: true)
                w.text(Self.ebayHeader); try w.endRow(crlf: true)
                w.text(blank); try w.endRow(crlf: true)
                var lines = 0
                var day = first
                while day.epochDay <= last.epochDay {
                    var left = budget.take(day)
                    while left > 0 {
                        record += 1
                        let items = min(left, rng.chance(0.15) ? 2 + rng.below(2) : 1)
                        left -= items
                        lines += items
                        let buyer = buyers.draw(&rng)
                        var fields = [String](repeating: "", count: column.count)
                        func set(_ name: String, _ value: String) { fields[column[name]!] = value }
                        func money(_ minor: Int) -> String {
                            let text = Self.money(minor, 2)
                            return site.currencyText + (site.comma ? text.replacingOccurrences(of: ".", with: ",") : text)
                        }
                        let orderNumber = "\(10 + rng.below(17))-\(10_000 + rng.below(90_000))-\(10_000 + rng.below(90_000))"
                        var picked: [(Product, Int, Int)] = []  // product, quantity, unit price
                        for _ in 0..<items {
                            var p = catalog.pick(&rng)
                            while picked.contains(where: { $0.0.index == p }) { p = (p + 1) % catalog.products.count }
                            let product = catalog.products[p]
                            picked.append((product, rng.chance(0.9) ? 1 : 2, Int(Double(product.priceUSCents) * site.factor) / 100 * 100 + 99))
                        }
                        let subtotal = picked.reduce(0) { $0 + $1.1 * $1.2 }
                        let tax = Self.share(subtotal, site.taxBasisPoints, 10_000)
                        let shipped = day.adding(1)
                        let name = Self.firstNames[buyer % Self.firstNames.count]
                        let surname = Self.lastNames[(buyer / Self.firstNames.count) % Self.lastNames.count]
                        // The order (single-item: its only row; multi-item: the summary row).
                        set("Sales Record Number", String(record)); set("Order Number", orderNumber)
                        set("Buyer Username", site.usernamePrefix + String(1000 + buyer))
                        set("Buyer Name", "Buyer \(1000 + buyer)"); set("Buyer Email", "\(name).\(surname)\(buyer)@\(site.emailDomain)")
                        set("Buyer Country", site.country); set("Ship To Name", "Buyer \(1000 + buyer)")
                        set("Ship To City", site.cities[buyer % site.cities.count]); set("Ship To Country", site.country)
                        set("Shipping And Handling", money(site.shipping)); set("Seller Collected Tax", money(0))
                        set("eBay Collected Tax", money(tax)); set("Total Price", money(subtotal + site.shipping + tax))
                        set("Payment Method", "Managed payments")
                        set("Sale Date", ebayDate(day, us: s == 0)); set("Paid On Date", ebayDate(day, us: s == 0))
                        if shipped.epochDay <= Self.lastDay.epochDay {
                            set("Shipped On Date", ebayDate(shipped, us: s == 0))
                            set("Tracking Number", String(2_000_000_000_000 + record * 7919))
                        }
                        set("Shipping Service", site.service)
                        if items == 1 {
                            fill(&fields, column, picked[0], money: money, record: record)
                            try Self.csvRow(w, fields)
                        } else {
                            set("Quantity", String(picked.reduce(0) { $0 + $1.1 }))
                            try Self.csvRow(w, fields)
                            for item in picked {
                                var row = [String](repeating: "", count: column.count)
                                row[column["Sales Record Number"]!] = String(record)
                                row[column["Order Number"]!] = orderNumber
                                fill(&row, column, item, money: money, record: record)
                                try Self.csvRow(w, row)
                            }
                        }
                    }
                    day = day.adding(1)
                }
                w.byte(0x0D); w.byte(0x0A)
                w.text("\(lines) record(s) downloaded,from \(ebayDate(first, us: s == 0)) to \(ebayDate(last, us: s == 0))"); try w.endRow(crlf: true)
                w.text("Seller ID : harborandpine_\(site.code)"); try w.endRow(crlf: true)
                files.append(GeneratedFile(path: path, kind: "ebay_orders", rows: lines, bytes: try w.finish()))
            }
        }
        return files
    }

    /// The item's own fields (one item of an order).
    private func fill(_ fields: inout [String], _ column: [String: Int], _ item: (Product, Int, Int), money: (Int) -> String,
                      record: Int) {
        fields[column["Item Number"]!] = String(100_000_000_000 + item.0.index * 7_919_113)
        fields[column["Item Title"]!] = item.0.name
        fields[column["Custom Label"]!] = item.0.sku
        fields[column["Quantity"]!] = String(item.1)
        fields[column["Sold For"]!] = money(item.2)
        fields[column["Transaction ID"]!] = String(3_000_000_000_000 + record * 104_729 + item.0.index)
    }

    /// `Sep-01-26` on ebay.com, `01-Sep-26` on ebay.de.
    func ebayDate(_ d: Day, us: Bool) -> String {
        let month = Day.monthAbbreviations[d.month - 1]
        let dd = d.day < 10 ? "0\(d.day)" : String(d.day)
        let yy = String(d.year % 100)
        return us ? "\(month)-\(dd)-\(yy)" : "\(dd)-\(month)-\(yy)"
    }

    /// A CSV row of fields, quoted where needed, CRLF.
    static func csvRow(_ w: ByteWriter, _ fields: [String]) throws {
        for (i, field) in fields.enumerated() {
            if i > 0 { w.comma() }
            w.csvField(field)
        }
        try w.endRow(crlf: true)
    }
}
