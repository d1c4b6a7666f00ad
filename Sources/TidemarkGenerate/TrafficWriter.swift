/// Store traffic in Tidemark's traffic layout, one file per month (`traffic/traffic-YYYY-MM.csv`): sessions and
/// page views of every Amazon marketplace (as the Business Reports give them) and of every Shopify market (with
/// add-to-carts), per day, derived from the orders of that day so that sessions always exceed orders
/// (conversion 7–12 %, plus a few sessions that buy nothing). Orders count on their UTC date, as the funnel dates
/// them: a Shopify order placed in the evening in Chicago or just after midnight in Berlin belongs to the next or
/// previous UTC day, so a day's rows are written once the next day's orders are known.
///
/// Rows are bounded: per platform, market and day, the `skuRows` most popular SKUs get a row of their own and the
/// rest of the catalogue one row without SKU. `skuRows` grows with the scale so that traffic stays near 8 % of the
/// order lines (0 at scale 1: 13 rows a day; 32 at scale 100).
final class TrafficWriter: OrderListener {
    static let header = "date,platform,market,sku,impressions,clicks,sessions,page_views,inquiries,add_to_carts"

    let dir: String
    let catalog: Catalog
    let skuRows: Int
    var rng: SplitMix64
    var writer: ByteWriter?
    var path = ""
    /// Orders per UTC day (epoch day), per Amazon site (index into ``Catalog/sites``) or Shopify market, by product.
    var amazon: [Int: [[Int]]] = [:]
    var shopify: [Int: [[Int]]] = [:]

    init(dir: String, catalog: Catalog, seed: UInt64, orderLines: Int) {
        self.dir = dir
        self.catalog = catalog
        let marketDays = 365 * (Catalog.sites.count + CorpusGenerator.shopifyMarkets.count)
        self.skuRows = min(catalog.products.count, max(0, orderLines * 8 / 100 / marketDays - 1))
        self.rng = SplitMix64(seed: seed, stream: 44)
    }

    func empty(_ markets: Int) -> [[Int]] { Array(repeating: Array(repeating: 0, count: catalog.products.count), count: markets) }

    func beginMonth(first: Day, last: Day) throws {
        path = "traffic/traffic-\(first.monthKey).csv"
        let w = try ByteWriter(path: dir + "/" + path)
        w.text(Self.header); try w.endRow()
        writer = w
    }

    func amazonOrder(_ order: AmazonOrderEvent) throws {
        // Mutated in place through the defaulted subscript (no copy of the day's tallies per order).
        for line in order.lines { amazon[order.day.epochDay, default: empty(Catalog.sites.count)][order.site][line.product] += 1 }
    }

    func shopifyOrder(_ order: ShopifyOrderEvent) throws {
        // `+0100` → the local time is an hour ahead of UTC.
        let offset = CorpusGenerator.shopifyMarkets[order.market].offset
        let hours = Int(offset.dropFirst().prefix(2)) ?? 0
        let utc = order.seconds - (offset.hasPrefix("-") ? -hours : hours) * 3600
        let day = order.day.epochDay + (utc < 0 ? -1 : utc / 86_400)
        for line in order.lines { shopify[day, default: empty(CorpusGenerator.shopifyMarkets.count)][order.market][line.product] += 1 }
    }

    /// Writes the days before `day` (their orders are all known once `day`'s are).
    func endDay(_ day: Day) throws {
        try flush(before: day.epochDay)
    }

    func flush(before limit: Int) throws {
        guard let w = writer else { return }
        let days = Set(amazon.keys).union(shopify.keys).filter { $0 < limit }.sorted()
        for epochDay in days {
            let day = Day(epochDay: epochDay)
            for (site, counts) in (amazon.removeValue(forKey: epochDay) ?? empty(Catalog.sites.count)).enumerated() {
                try rows(w, day: day, platform: "amazon", market: Catalog.sites[site].country, counts: counts, carts: false)
            }
            for (market, counts) in (shopify.removeValue(forKey: epochDay) ?? empty(CorpusGenerator.shopifyMarkets.count)).enumerated() {
                try rows(w, day: day, platform: "shopify", market: CorpusGenerator.shopifyMarkets[market].country, counts: counts, carts: true)
            }
        }
    }

    func endMonth() throws -> [GeneratedFile] {
        guard let w = writer else { return [] }
        // The corpus's last file also takes its last day and the UTC day after it (late US orders).
        if path.hasSuffix(CorpusGenerator.lastDay.monthKey + ".csv") { try flush(before: Int.max) }
        writer = nil
        return [GeneratedFile(path: path, kind: "generic_traffic", rows: w.rows - 1, bytes: try w.finish())]
    }

    /// The top SKUs' rows, then the rest of the catalogue as one row without SKU.
    func rows(_ w: ByteWriter, day: Day, platform: StaticString, market: String, counts: [Int], carts: Bool) throws {
        for p in 0..<skuRows {
            try row(w, day: day, platform: platform, market: market, sku: catalog.products[p].sku, orders: counts[p], carts: carts)
        }
        var rest = 0
        for p in skuRows..<counts.count { rest += counts[p] }
        try row(w, day: day, platform: platform, market: market, sku: "", orders: rest, carts: carts)
    }

    func row(_ w: ByteWriter, day: Day, platform: StaticString, market: String, sku: String, orders: Int, carts: Bool) throws {
        let sessions = orders * (100 / (7 + rng.below(6))) + 2 + rng.below(8)
        let views = sessions * (125 + rng.below(50)) / 100
        w.date(day); w.comma(); w.text(platform); w.comma(); w.text(market); w.comma(); w.text(sku); w.text(",,,")
        w.int(sessions); w.comma(); w.int(views); w.text(",,")
        if carts { w.int(orders + (sessions - orders) * (4 + rng.below(8)) / 100) }
        try w.endRow()
    }
}
