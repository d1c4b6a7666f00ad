/// AliExpress and Alibaba.com International Station, two small extra channels in Tidemark's layouts:
///
/// - AliExpress orders (`aliexpress/aliexpress-orders-YYYY-MM.csv`): 1.5 % of the corpus's order lines, USD, China
///   time (load with `time_zone: Asia/Shanghai`). Months alternate between the English export (UTF-8 with BOM,
///   `2026/09/03 20:18:00`, plain amounts) and the Chinese one in GBK (`2026-10-02 22:15:09`, `US $22.40`; load
///   with `fallback_encoding: GB18030`). Buyers come back (`Buyer ID`).
/// - Alibaba.com Trade Assurance orders (`alibaba/alibaba-orders-YYYY-qN.csv`, Chinese headers, UTF-8): wholesale
///   orders of 50–500 units at about a third of the retail price, 0.5 % of the order lines (at least 24 a
///   year), from a pool of repeat buyer companies.
/// - Alibaba.com data manager traffic (`alibaba/alibaba-traffic-YYYY-MM.csv`): per day, a row for the US (the
///   main buyer market) and for each other buyer country with an order that day; visitors always exceed orders.
extension CorpusGenerator {
    struct ForeignCountry {
        let english: String
        let chinese: String
        /// GBK bytes of `chinese`.
        let gbk: [UInt8]
    }

    static let aliexpressCountries = [
        ForeignCountry(english: "United States", chinese: "美国", gbk: [195, 192, 185, 250]),
        ForeignCountry(english: "Spain", chinese: "西班牙", gbk: [206, 247, 176, 224, 209, 192]),
        ForeignCountry(english: "France", chinese: "法国", gbk: [183, 168, 185, 250]),
        ForeignCountry(english: "Poland", chinese: "波兰", gbk: [178, 168, 192, 188]),
        ForeignCountry(english: "Germany", chinese: "德国", gbk: [181, 194, 185, 250]),
        ForeignCountry(english: "United Kingdom", chinese: "英国", gbk: [211, 162, 185, 250]),
    ]

    /// Status (English, Chinese, GBK bytes of the Chinese).
    static let aliexpressStatuses: [(String, String, [UInt8])] = [
        ("Completed", "交易完成", [189, 187, 210, 215, 205, 234, 179, 201]), ("Shipped", "已发货", [210, 209, 183, 162, 187, 245]),
        ("Awaiting shipment", "等待发货", [181, 200, 180, 253, 183, 162, 187, 245]), ("Closed", "交易关闭", [189, 187, 210, 215, 185, 216, 177, 213]),
    ]

    /// `订单号,下单时间,商品编码,数量,金额,币种,国家,订单状态,买家,运费` in GBK.
    static let aliexpressChineseHeaderGBK: [UInt8] = [
        182, 169, 181, 165, 186, 197, 44, 207, 194, 181, 165, 202, 177, 188, 228, 44, 201, 204, 198, 183, 177, 224, 194, 235, 44, 202, 253, 193,
        191, 44, 189, 240, 182, 238, 44, 177, 210, 214, 214, 44, 185, 250, 188, 210, 44, 182, 169, 181, 165, 215, 180, 204, 172, 44, 194, 242, 188,
        210, 44, 212, 203, 183, 209,
    ]
    static let aliexpressEnglishHeader = "Order ID,Order time,SKU,Product name,Quantity,Amount,Currency,Country,Status,Buyer ID,Shipping"

    var aliexpressLines: Int { max(24, totalOrderLines * 15 / 1000) }

    func writeAliExpress(_ dir: String) throws -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        var rng = SplitMix64(seed: options.seed, stream: 52)
        var budget = DailyBudget(total: aliexpressLines)
        let buyers = BuyerPool(size: max(10, aliexpressLines / 3))
        var orderNumber = 0
        for (m, (first, last)) in Self.months.enumerated() {
            let chinese = m % 2 == 1
            let path = "aliexpress/aliexpress-orders-\(first.monthKey).csv"
            let w = try ByteWriter(path: dir + "/" + path)
            if chinese {
                w.bytes(Self.aliexpressChineseHeaderGBK)
            } else {
                w.bytes([0xEF, 0xBB, 0xBF]); w.text(Self.aliexpressEnglishHeader)
            }
            try w.endRow(crlf: true)
            var day = first
            while day.epochDay <= last.epochDay {
                let n = budget.take(day)
                for k in 0..<n {
                    orderNumber += 1
                    let buyer = buyers.draw(&rng)
                    let country = Self.aliexpressCountries[buyer % Self.aliexpressCountries.count]
                    let product = catalog.products[catalog.pick(&rng)]
                    let quantity = rng.chance(0.8) ? 1 : 2
                    let unit = product.priceUSCents * 85 / 100 / 10 * 10  // AliExpress prices sit below Amazon's
                    let shipping = rng.chance(0.7) ? 0 : 250
                    let recent = day.epochDay > Self.lastDay.epochDay - 4
                    let status = rng.chance(0.02) ? 3 : (recent ? (rng.chance(0.5) ? 2 : 1) : (rng.chance(0.8) ? 0 : 1))
                    // China time: 08:00 … 23:59, so the UTC date stays the order's day.
                    let seconds = 8 * 3600 + (k * 57_600) / max(1, n) + rng.below(50)
                    w.int(812_000_000_000_000 + orderNumber * 7919); w.comma()
                    let separator: UInt8 = chinese ? 0x2D : 0x2F  // 2026-10-02 / 2026/09/03
                    w.int(day.year); w.byte(separator); w.padded(day.month, width: 2); w.byte(separator); w.padded(day.day, width: 2)
                    w.byte(0x20); w.time(seconds); w.comma()
                    w.text(product.sku); w.comma()
                    if !chinese { w.csvField(product.name); w.comma() }
                    w.int(quantity); w.comma()
                    if chinese { w.text("US $") }
                    w.amount(unit * quantity, digits: 2); w.text(",USD,")
                    if chinese { w.bytes(country.gbk) } else { w.text(country.english) }
                    w.comma()
                    if chinese { w.bytes(Self.aliexpressStatuses[status].2) } else { w.text(Self.aliexpressStatuses[status].0) }
                    w.comma()
                    w.text(chinese ? "cn" : "buyer"); w.int(100_000 + buyer); w.comma()
                    if chinese { w.text("US $") }
                    w.amount(shipping, digits: 2)
                    try w.endRow(crlf: true)
                }
                day = day.adding(1)
            }
            files.append(GeneratedFile(path: path, kind: "aliexpress_orders", rows: w.rows - 1, bytes: try w.finish()))
        }
        return files
    }
}
