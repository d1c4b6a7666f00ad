/// Alibaba.com International Station: Trade Assurance orders (one file per quarter) and the data manager's traffic
/// (one file per month), written together so that the traffic follows the orders (see ``CorpusGenerator``'s
/// AliExpress and Alibaba notes in ChineseMarketplaces.swift).
extension CorpusGenerator {
    static let alibabaOrdersHeader = "订单编号,创建时间,产品编码,产品名称,数量,单价,币种,买家国家,订单状态,买家公司,运费"
    static let alibabaTrafficHeader = "日期,产品名称,商品编码,国家,曝光,点击,访客,询盘"
    /// Buyer companies and their countries (Chinese names, as the export writes them); index 0 is the US.
    static let alibabaBuyers: [(String, String)] = [
        ("Home Goods Supply LLC", "美国"), ("Nordic Living AB", "瑞典"), ("Casa Bonita S.L.", "西班牙"), ("Wohnidee GmbH", "德国"),
        ("Maison & Jardin SARL", "法国"), ("Harbour Homeware Ltd", "英国"), ("Dom Styl Sp. z o.o.", "波兰"),
    ]

    var alibabaLines: Int { max(24, totalOrderLines / 200) }

    func writeAlibaba(_ dir: String) throws -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        var rng = SplitMix64(seed: options.seed, stream: 53)
        var trafficRNG = SplitMix64(seed: options.seed, stream: 54)
        var budget = DailyBudget(total: alibabaLines)
        let companies = BuyerPool(size: max(Self.alibabaBuyers.count, alibabaLines / 4))
        var orders: ByteWriter?
        var ordersPath = ""
        var orderNumber = 0
        for (first, last) in Self.months {
            let quarterPath = "alibaba/alibaba-orders-\(first.year)-q\((first.month - 1) / 3 + 1).csv"
            if quarterPath != ordersPath {
                if let w = orders { files.append(GeneratedFile(path: ordersPath, kind: "alibaba_orders", rows: w.rows - 1, bytes: try w.finish())) }
                ordersPath = quarterPath
                let w = try ByteWriter(path: dir + "/" + quarterPath)
                w.text(Self.alibabaOrdersHeader); try w.endRow()
                orders = w
            }
            guard let w = orders else { continue }
            let trafficPath = "alibaba/alibaba-traffic-\(first.monthKey).csv"
            let t = try ByteWriter(path: dir + "/" + trafficPath)
            t.text(Self.alibabaTrafficHeader); try t.endRow()
            var day = first
            while day.epochDay <= last.epochDay {
                var perCountry = [Int](repeating: 0, count: Self.alibabaBuyers.count)
                for _ in 0..<budget.take(day) {
                    orderNumber += 1
                    let company = companies.draw(&rng)
                    let buyer = company % Self.alibabaBuyers.count
                    perCountry[buyer] += 1
                    let product = catalog.products[catalog.pick(&rng)]
                    let quantity = 50 + rng.below(46) * 10
                    let unit = product.priceUSCents * (30 + rng.below(8)) / 100 / 5 * 5
                    let recent = day.epochDay > Self.lastDay.epochDay - 10
                    let status = rng.chance(0.02) ? "交易关闭" : (recent ? "等待发货" : (rng.chance(0.85) ? "交易完成" : "已发货"))
                    w.int(202_600_000_000 + orderNumber * 17); w.comma()
                    w.date(day); w.byte(0x20); w.time(9 * 3600 + rng.below(9 * 3600)); w.comma()
                    w.text(product.sku); w.comma(); w.csvField(product.name); w.comma()
                    w.int(quantity); w.text(",US $"); w.amount(unit, digits: 2); w.text(",USD,")
                    w.text(Self.alibabaBuyers[buyer].1); w.comma(); w.text(status); w.comma()
                    let name = Self.alibabaBuyers[buyer].0
                    w.csvField(company < Self.alibabaBuyers.count ? name : "\(name) (\(company / Self.alibabaBuyers.count + 1))")
                    w.text(",US $"); w.amount(quantity * (60 + rng.below(60)), digits: 2)
                    try w.endRow()
                }
                // The US every day, other countries on days they ordered: visitors exceed orders.
                for (c, count) in perCountry.enumerated() where c == 0 || count > 0 {
                    let visitors = count * (15 + trafficRNG.below(20)) + 5 + trafficRNG.below(40)
                    let clicks = visitors + trafficRNG.below(visitors / 4 + 1)
                    t.date(day); t.text(",,,"); t.text(Self.alibabaBuyers[c].1); t.comma()
                    t.int(clicks * (20 + trafficRNG.below(25))); t.comma(); t.int(clicks); t.comma(); t.int(visitors); t.comma()
                    t.int(count + trafficRNG.below(3))
                    try t.endRow()
                }
                day = day.adding(1)
            }
            files.append(GeneratedFile(path: trafficPath, kind: "alibaba_traffic", rows: t.rows - 1, bytes: try t.finish()))
        }
        if let w = orders { files.append(GeneratedFile(path: ordersPath, kind: "alibaba_orders", rows: w.rows - 1, bytes: try w.finish())) }
        return files
    }
}
