/// Amazon All Orders, Shopify orders and the shipments of both, written month by month.
extension CorpusGenerator {
    static let amazonHeader =
        "amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\tsales-channel\torder-channel\turl\tship-service-level\tproduct-name\tsku\tasin\titem-status\tquantity\tcurrency\titem-price\titem-tax\tshipping-price\tshipping-tax\tgift-wrap-price\tgift-wrap-tax\titem-promotion-discount\tship-promotion-discount\tship-city\tship-state\tship-postal-code\tship-country\tpromotion-ids\tis-business-order\tpurchase-order-number\tprice-designation"

    static let shopifyHeader =
        "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,Payment ID,Payment Terms Name,Next Payment Due At,Payment References"

    static let shipmentsHeader =
        "tracking_number,order_reference,carrier,service,ship_date,delivery_date,promised_date,status,destination_country,weight,weight_unit,charge_type,amount,currency"

    /// Shopify store markets: country, currency, VAT permille included in prices (0: US tax on top), offset, city.
    static let shopifyMarkets: [(country: String, currency: String, vat: Int, offset: String, city: String, zip: String, factor: Double)] = [
        ("US", "USD", 0, "-0500", "Chicago", "60601", 1), ("GB", "GBP", 200, "+0000", "Bristol", "BS1 5TR", 0.82),
        ("DE", "EUR", 190, "+0100", "Hamburg", "20095", 0.95), ("FR", "EUR", 200, "+0100", "Nantes", "44000", 0.95),
        ("NL", "EUR", 210, "+0100", "Utrecht", "3511", 0.95), ("IT", "EUR", 220, "+0100", "Milano", "20121", 0.95),
    ]
    static let firstNames = ["harry", "luca", "emma", "sofia", "noah", "mia", "lena", "jules", "olivia", "jan", "marta", "leo", "chloe", "finn", "ava", "tom"]
    static let lastNames = ["wilson", "rossi", "muller", "martin", "smith", "garcia", "bakker", "dubois", "brown", "weber", "jones", "ricci"]

    static let carriers: [(String, String, Int)] = [
        ("4PX", "4PX Global Express", 8), ("Yanwen", "Yanwen Special Line", 11), ("DHL eCommerce", "Parcel Direct", 6),
    ]

    /// Probability that an order has a shipment file entry (forwarder-shipped): sized for ≥ 500 k rows at N=100.
    static let shipmentShare = 0.155

    /// Rounds `value * num / den` half away from zero.
    @inline(__always) static func share(_ value: Int, _ num: Int, _ den: Int) -> Int {
        let p = value * num
        return p >= 0 ? (2 * p + den) / (2 * den) : -((-2 * p + den) / (2 * den))
    }

    static func money(_ minor: Int, _ digits: Int) -> String {
        if digits == 0 { return String(minor) }
        let sign = minor < 0 ? "-" : ""
        let v = abs(minor)
        let cents = v % 100
        return "\(sign)\(v / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// Writes the orders and shipments month by month and tells `listeners` about every order written, so the
    /// payment, returns, traffic and carrier writers can follow the same orders. The listeners draw from streams of
    /// their own: the bytes written here do not depend on them.
    func writeOrdersAndShipments(_ dir: String, listeners: [OrderListener] = []) throws -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        var amazonRNG = SplitMix64(seed: options.seed, stream: 10)
        var shopifyRNG = SplitMix64(seed: options.seed, stream: 11)
        var shipRNG = SplitMix64(seed: options.seed, stream: 12)
        let total = totalOrderLines
        let amazonTotal = Int((Double(total) * 0.8).rounded())
        let shopifyTotal = total - amazonTotal
        var allWeight = 0.0
        var d = Self.firstDay
        while d.epochDay <= Self.lastDay.epochDay { allWeight += Self.weight(d); d = d.adding(1) }

        // Cumulative line budgets, so the totals are exact.
        var cumWeight = 0.0
        var amazonDone = 0
        var shopifyDone = 0
        var amazonCounter = 0
        var shopifyNumber = 1000
        var trackingCounter = 0
        let customerPool = max(40, shopifyTotal * 10 / 13 / 3)
        let siteCumulative: [Double] = {
            var acc = 0.0
            return Catalog.sites.map { acc += $0.share; return acc }
        }()

        for (first, last) in Self.months {
            let key = first.monthKey
            let amazon = try ByteWriter(path: "\(dir)/amazon/all-orders-\(key).txt")
            let shopify = try ByteWriter(path: "\(dir)/shopify/orders_export_\(key).csv")
            let ship = try ByteWriter(path: "\(dir)/logistics/shipments-\(key).csv")
            amazon.text(Self.amazonHeader); try amazon.endRow()
            shopify.text(Self.shopifyHeader); try shopify.endRow()
            ship.text(Self.shipmentsHeader); try ship.endRow()
            var amazonLines = 0, shopifyLines = 0, shipRows = 0
            for l in listeners { try l.beginMonth(first: first, last: last) }

            var day = first
            while day.epochDay <= last.epochDay {
                cumWeight += Self.weight(day)
                let amazonTarget = Int((Double(amazonTotal) * cumWeight / allWeight).rounded())
                let shopifyTarget = Int((Double(shopifyTotal) * cumWeight / allWeight).rounded())
                let nearEnd = day.epochDay > Self.lastDay.epochDay - 3

                // Amazon orders of the day.
                let amazonToday = amazonTarget - amazonDone
                var k = 0
                while amazonDone < amazonTarget {
                    let u = amazonRNG.unit()
                    var siteIndex = 0
                    while siteIndex < siteCumulative.count - 1 && siteCumulative[siteIndex] < u { siteIndex += 1 }
                    let site = Catalog.sites[siteIndex]
                    var lines = amazonRNG.chance(0.22) ? (amazonRNG.chance(0.2) ? 3 : 2) : 1
                    lines = min(lines, amazonTarget - amazonDone)
                    amazonCounter += 1
                    let seconds = min(86_399, (k * 86_400) / max(1, amazonToday) + amazonRNG.below(60))
                    k += lines
                    let orderID =
                        (100 + amazonRNG.below(900), 1_000_000 + amazonCounter % 9_000_000, 1_000_000 + amazonRNG.below(9_000_000))
                    var country = site.country
                    var vat = site.vat
                    if site.country == "DE" && amazonRNG.chance(0.03) { country = "AT"; vat = 200 }
                    if site.country == "IT" && amazonRNG.chance(0.02) { country = "CH"; vat = 0 }
                    let city = site.cities[amazonRNG.below(site.cities.count)]
                    let usTax = site.country == "US" ? [0, 625, 825, 890, 1035, 0, 650][amazonRNG.below(7)] : 0
                    let cancelled = amazonRNG.chance(0.025)
                    let pending = !cancelled && nearEnd && amazonRNG.chance(0.6)
                    let merchant = amazonRNG.chance(0.25)
                    let updated = min(seconds + 3600 * (20 + amazonRNG.below(60)), 86_400 * 3 - 1)
                    var firstProduct = -1
                    var orderValue = 0
                    var eventLines: [OrderLineEvent] = []
                    for line in 0..<lines {
                        var p = catalog.pick(&amazonRNG)
                        if p == firstProduct { p = (p + 1) % catalog.products.count }
                        if line == 0 { firstProduct = p }
                        let product = catalog.products[p]
                        let qty = amazonRNG.chance(0.85) ? 1 : amazonRNG.within(2...4)
                        let price = Catalog.price(product, site) * qty
                        orderValue += price
                        amazon.int(orderID.0); amazon.byte(0x2D); amazon.padded(orderID.1, width: 7); amazon.byte(0x2D)
                        amazon.padded(orderID.2, width: 7); amazon.tab()
                        amazon.tab()  // merchant-order-id
                        amazon.date(day); amazon.byte(0x54); amazon.time(seconds); amazon.text("+00:00"); amazon.tab()
                        let upd = day.adding(updated / 86_400)
                        amazon.date(upd); amazon.byte(0x54); amazon.time(updated % 86_400); amazon.text("+00:00"); amazon.tab()
                        amazon.text(cancelled ? "Cancelled" : (pending ? "Pending" : "Shipped")); amazon.tab()
                        amazon.text(merchant ? "Merchant" : "Amazon"); amazon.tab()
                        amazon.text(site.name); amazon.tab(); amazon.tab(); amazon.tab()  // order-channel, url
                        amazon.text(amazonRNG.chance(0.2) ? "Expedited" : "Standard"); amazon.tab()
                        amazon.text(product.name); amazon.tab()
                        amazon.text(product.sku); amazon.tab()
                        amazon.text(product.asin); amazon.tab()
                        amazon.text(cancelled ? "Cancelled" : (pending ? "Unshipped" : "Shipped")); amazon.tab()
                        amazon.int(qty); amazon.tab()
                        amazon.text(site.currency); amazon.tab()
                        if cancelled && line == 0 {
                            amazon.tab(); amazon.tab(); amazon.tab(); amazon.tab()
                        } else {
                            let tax = vat > 0 ? Self.share(price, vat, 1000 + vat) : Self.share(price, usTax, 10_000)
                            eventLines.append(OrderLineEvent(product: p, quantity: qty, amount: price, tax: tax))
                            amazon.amount(price, digits: site.digits); amazon.tab()
                            amazon.amount(tax, digits: site.digits); amazon.tab()
                            if merchant && line == 0 {
                                let shipping = site.digits == 0 ? 500 : 499
                                amazon.amount(shipping, digits: site.digits); amazon.tab()
                                amazon.amount(vat > 0 ? Self.share(shipping, vat, 1000 + vat) : 0, digits: site.digits); amazon.tab()
                            } else {
                                amazon.tab(); amazon.tab()
                            }
                        }
                        amazon.tab(); amazon.tab()  // gift wrap
                        if !cancelled && amazonRNG.chance(0.05) {
                            amazon.text("-"); amazon.amount(site.digits == 0 ? 300 : 200, digits: site.digits)
                        }
                        amazon.tab(); amazon.tab()  // promotion discounts
                        amazon.text(city.0); amazon.tab(); amazon.text(city.1); amazon.tab(); amazon.text(city.2); amazon.tab()
                        amazon.text(country); amazon.tab(); amazon.tab()
                        amazon.text("false"); amazon.tab(); amazon.tab()
                        let crlf = amazonCounter % 7 == 0
                        if amazonCounter % 9 == 0 { amazon.tab() }  // a trailing TAB beyond the header, as in real files
                        try amazon.endRow(crlf: crlf)
                        amazonLines += 1
                    }
                    amazonDone += lines
                    var forwarded = false
                    if !cancelled && !pending && shipRNG.chance(Self.shipmentShare) {
                        var ref = ""
                        ref += String(orderID.0) + "-" + String(orderID.1) + "-" + String(orderID.2)
                        shipRows += try writeShipment(ship, &shipRNG, day: day, reference: ref, country: country,
                                                      value: orderValue, counter: &trackingCounter, nearEnd: nearEnd)
                        forwarded = true
                    }
                    if !listeners.isEmpty {
                        let event = AmazonOrderEvent(
                            id: Self.amazonOrderID(orderID), day: day, seconds: seconds, site: siteIndex, country: country, city: city,
                            cancelled: cancelled, pending: pending, merchantFulfilled: merchant,
                            shipping: merchant && !cancelled ? (site.digits == 0 ? 500 : 499) : 0, lines: eventLines,
                            forwarderShipped: forwarded)
                        for l in listeners { try l.amazonOrder(event) }
                    }
                }

                // Shopify orders of the day.
                let shopifyToday = shopifyTarget - shopifyDone
                var j = 0
                var fields = [String](repeating: "", count: 79)
                while shopifyDone < shopifyTarget {
                    shopifyNumber += 1
                    let customer = Int(Double(customerPool) * pow(shopifyRNG.unit(), 2.0))
                    let market = Self.shopifyMarkets[customer % Self.shopifyMarkets.count]
                    let lines = min(shopifyRNG.chance(0.3) ? shopifyRNG.within(2...3) : 1, shopifyTarget - shopifyDone)
                    let seconds = min(86_399, (j * 86_400) / max(1, shopifyToday) + shopifyRNG.below(60))
                    j += lines
                    var items: [(Product, Int, Int)] = []  // product, quantity, unit price
                    var used = Set<Int>()
                    for _ in 0..<lines {
                        var p = catalog.pick(&shopifyRNG)
                        while used.contains(p) { p = (p + 1) % catalog.products.count }
                        used.insert(p)
                        let product = catalog.products[p]
                        let unit = Int(Double(product.priceUSCents) * market.factor) / 100 * 100 + 99
                        items.append((product, shopifyRNG.chance(0.9) ? 1 : 2, unit))
                    }
                    let subtotal = items.reduce(0) { $0 + $1.1 * $1.2 }
                    let shipping = subtotal >= 5000 ? 0 : 595
                    let taxes: Int
                    let totalAmount: Int
                    if market.vat > 0 {
                        taxes = Self.share(subtotal + shipping, market.vat, 1000 + market.vat)
                        totalAmount = subtotal + shipping
                    } else {
                        taxes = Self.share(subtotal, 825, 10_000)
                        totalAmount = subtotal + shipping + taxes
                    }
                    let cancelled = shopifyRNG.chance(0.015)
                    let refund = cancelled ? 0 : (shopifyRNG.chance(0.04) ? (shopifyRNG.chance(0.5) ? totalAmount : totalAmount / 3) : 0)
                    let financial = cancelled ? "voided" : (refund == 0 ? "paid" : (refund == totalAmount ? "refunded" : "partially_refunded"))
                    let fulfilled = !cancelled && !nearEnd
                    var stamp = ""
                    let hh = seconds / 3600, mm = seconds / 60 % 60, ss = seconds % 60
                    stamp = "\(day.year)-\(day.month < 10 ? "0" : "")\(day.month)-\(day.day < 10 ? "0" : "")\(day.day) "
                        + "\(hh < 10 ? "0" : "")\(hh):\(mm < 10 ? "0" : "")\(mm):\(ss < 10 ? "0" : "")\(ss) \(market.offset)"
                    let first = Self.firstNames[customer % Self.firstNames.count]
                    let lastName = Self.lastNames[(customer / Self.firstNames.count) % Self.lastNames.count]
                    let email = "\(first).\(lastName)\(customer)@example.com"
                    let name = "#\(shopifyNumber)"
                    for (index, item) in items.enumerated() {
                        for f in 0..<79 { fields[f] = "" }
                        fields[0] = name
                        fields[16] = String(item.1)
                        fields[17] = item.0.name
                        fields[18] = Self.money(item.2, 2)
                        fields[20] = item.0.sku
                        fields[21] = "true"; fields[22] = "true"
                        fields[23] = fulfilled ? "fulfilled" : "pending"
                        fields[50] = "Harbor & Pine"
                        fields[59] = "0.00"
                        if index == 0 {
                            fields[1] = email
                            fields[2] = financial
                            fields[3] = cancelled ? "" : stamp
                            fields[4] = fulfilled ? "fulfilled" : "unfulfilled"
                            fields[5] = fulfilled ? stamp : ""
                            fields[6] = customer % 3 == 0 ? "yes" : "no"
                            fields[7] = market.currency
                            fields[8] = Self.money(subtotal, 2)
                            fields[9] = Self.money(shipping, 2)
                            fields[10] = Self.money(taxes, 2)
                            fields[11] = Self.money(totalAmount, 2)
                            fields[13] = "0.00"
                            fields[14] = "Standard"
                            fields[15] = stamp
                            fields[24] = "Customer \(customer)"; fields[29] = market.city; fields[30] = market.zip
                            fields[32] = market.country
                            fields[34] = "Customer \(customer)"; fields[39] = market.city; fields[40] = market.zip
                            fields[42] = market.country
                            fields[46] = cancelled ? stamp : ""
                            fields[47] = "Shopify Payments"
                            fields[49] = Self.money(refund, 2)
                            fields[51] = "0.00"
                            fields[55] = String(5_120_000_000 + shopifyNumber * 37)
                            fields[58] = "web"
                            fields[60] = market.vat > 0 ? "VAT \(market.vat / 10)%" : "IL State Tax 8.25%"
                            fields[61] = Self.money(taxes, 2)
                        }
                        for f in 0..<79 {
                            if f > 0 { shopify.comma() }
                            shopify.csvField(fields[f])
                        }
                        try shopify.endRow()
                        shopifyLines += 1
                    }
                    shopifyDone += lines
                    var forwarded = false
                    if fulfilled && shipRNG.chance(Self.shipmentShare) {
                        shipRows += try writeShipment(ship, &shipRNG, day: day, reference: name, country: market.country,
                                                      value: subtotal, counter: &trackingCounter, nearEnd: nearEnd)
                        forwarded = true
                    }
                    if !listeners.isEmpty {
                        let event = ShopifyOrderEvent(
                            name: name, day: day, seconds: seconds, market: customer % Self.shopifyMarkets.count, customer: customer,
                            lines: items.map { OrderLineEvent(product: $0.0.index, quantity: $0.1, amount: $0.1 * $0.2, tax: 0) },
                            subtotal: subtotal, cancelled: cancelled, fulfilled: fulfilled, forwarderShipped: forwarded)
                        for l in listeners { try l.shopifyOrder(event) }
                    }
                }
                for l in listeners { try l.endDay(day) }
                day = day.adding(1)
            }
            for l in listeners { files += try l.endMonth() }
            files.append(GeneratedFile(path: "amazon/all-orders-\(key).txt", kind: "amazon_all_orders", rows: amazonLines, bytes: try amazon.finish()))
            files.append(GeneratedFile(path: "shopify/orders_export_\(key).csv", kind: "shopify_orders", rows: shopifyLines, bytes: try shopify.finish()))
            files.append(GeneratedFile(path: "logistics/shipments-\(key).csv", kind: "generic_shipments", rows: shipRows, bytes: try ship.finish()))
        }
        return files
    }

    /// One parcel, one row per charge (freight, fuel, sometimes duty); returns the rows written.
    func writeShipment(_ w: ByteWriter, _ rng: inout SplitMix64, day: Day, reference: String, country: String, value: Int,
                       counter: inout Int, nearEnd: Bool) throws -> Int {
        counter += 1
        let carrier = Self.carriers[rng.below(Self.carriers.count)]
        let shipDay = day.adding(rng.within(1...3))
        let transit = rng.within(4...12)
        let promised = shipDay.adding(carrier.2 + 2)
        let lost = rng.chance(0.003)
        let returned = !lost && rng.chance(0.006)
        let inTransit = !lost && shipDay.adding(transit).epochDay > Self.lastDay.epochDay
        let status = lost ? "Lost" : (returned ? "Returned" : (inTransit ? "In transit" : "Delivered"))
        let grams = 300 + rng.below(3200)
        let freight = 650 + grams * 4 / 10 + rng.below(300)
        var charges: [(StaticString, Int)] = [("freight", freight), ("fuel", freight * 8 / 100)]
        if country != "US" && rng.chance(0.25) { charges.append(("duty", max(100, value / 12))) }
        if rng.chance(0.02) { charges.append(("other", -150)) }
        for (type, amount) in charges {
            w.text(carrier.0 == "4PX" ? "4PX" : (carrier.0 == "Yanwen" ? "UG" : "GM")); w.padded(counter, width: 10)
            w.text(carrier.0 == "4PX" ? "CN" : (carrier.0 == "Yanwen" ? "YP" : "DE")); w.comma()
            w.csvField(reference); w.comma()
            w.text(carrier.0); w.comma(); w.text(carrier.1); w.comma()
            w.date(shipDay); w.comma()
            if status == "Delivered" || status == "Returned" { w.date(shipDay.adding(transit)) }
            w.comma()
            w.date(promised); w.comma()
            w.text(status); w.comma()
            w.text(country); w.comma()
            w.amount(grams, digits: 3); w.text(",kg,")
            w.text(type); w.comma()
            w.amount(amount, digits: 2); w.text(",USD")
            try w.endRow()
        }
        return charges.count
    }
}

#if canImport(Glibc)
    import Glibc
#else
    import Foundation
#endif
