/// Amazon Ads Sponsored Products (one file per marketplace and month) and Meta ads daily (one file per month).
extension CorpusGenerator {
    static let amazonAdsHeader =
        "Date,Portfolio name,Currency,Campaign Name,Ad Group Name,Advertised SKU,Advertised ASIN,Impressions,Clicks,Click-Thru Rate (CTR),Cost Per Click (CPC),Spend,7 Day Total Sales ,Total Advertising Cost of Sales (ACoS) ,Total Return on Advertising Spend (RoAS),7 Day Total Orders (#),7 Day Total Units (#),7 Day Conversion Rate,7 Day Advertised SKU Units (#),7 Day Other SKU Units (#),7 Day Advertised SKU Sales ,7 Day Other SKU Sales "

    static let metaHeader =
        "Reporting starts,Reporting ends,Campaign name,Ad set name,Country,Attribution setting,Results,Result indicator,Reach,Frequency,Cost per results,Amount spent (EUR),Impressions,\"CPM (cost per 1,000 impressions) (EUR)\",Link clicks,CPC (cost per link click) (EUR),CTR (link click-through rate),Clicks (all),Purchases,Purchases conversion value"

    static let campaignKinds = ["Auto | Bestsellers", "Manual | Exact", "Manual | Broad", "Auto | Long tail", "Manual | Phrase", "Defence | Brand"]

    /// Amazon ads rows per marketplace and day at the given scale (about 76 % of the ad rows).
    var amazonAdRowsPerMarketDay: Int {
        max(1, Int((Double(CorpusOptions.adRowsPerScale) * 0.76 * effectiveScale / 365 / Double(Catalog.adMarkets.count)).rounded()))
    }

    var metaRowsPerDay: Int {
        max(1, Int((Double(CorpusOptions.adRowsPerScale) * 0.24 * effectiveScale / 365).rounded()))
    }

    func writeAmazonAds(_ dir: String) throws -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        let perDay = amazonAdRowsPerMarketDay
        let products = catalog.products
        for market in Catalog.adMarkets {
            let site = Catalog.sites.first { $0.country == market }!
            var rng = SplitMix64(seed: options.seed, stream: 20 &+ UInt64(market.utf8.first!) &* 256 &+ UInt64(market.utf8.last!))
            for (first, last) in Self.months {
                let path = "ads/amazon-ads-sp-\(market.lowercased())-\(first.monthKey).csv"
                let w = try ByteWriter(path: dir + "/" + path)
                w.text(Self.amazonAdsHeader); try w.endRow()
                var rows = 0
                var day = first
                while day.epochDay <= last.epochDay {
                    for j in 0..<perDay {
                        let product = products[(j + day.epochDay) % products.count]
                        let campaign = (j / products.count) % Self.campaignKinds.count
                        let group = j / (products.count * Self.campaignKinds.count)
                        let impressions = 50 + rng.below(4000)
                        let clicks = impressions * rng.below(25) / 1000
                        let cpcMinor = site.digits == 0 ? 40 + rng.below(80) : 25 + rng.below(110)
                        let spend = clicks * cpcMinor
                        let orders = clicks > 0 ? rng.below(clicks / 6 + 1) : 0
                        let units = orders + (orders > 0 && rng.chance(0.2) ? 1 : 0)
                        let sales = units * Catalog.price(product, site)
                        let advertised = sales * 85 / 100
                        // Date "Aug 01, 2026" is quoted: it holds a comma.
                        w.byte(0x22); w.text(Day.monthAbbreviations[day.month - 1]); w.byte(0x20)
                        w.padded(day.day, width: 2); w.text(", "); w.int(day.year); w.byte(0x22); w.comma()
                        w.text(market == "DE" ? "Kern," : "Core,")
                        w.text(site.currency); w.comma()
                        w.text(market); w.text(" | SP | "); w.text(Self.campaignKinds[campaign]); w.comma()
                        w.text(group == 0 ? "Ad group 1" : "Ad group \(group + 1)"); w.comma()
                        w.text(product.sku); w.comma(); w.text(product.asin); w.comma()
                        w.int(impressions); w.comma(); w.int(clicks); w.comma()
                        w.amount(impressions > 0 ? clicks * 1_000_000 / impressions : 0, digits: 4); w.text("%,")
                        let symbol = market == "US" ? "$ " : ""
                        w.text(symbol); w.amount(clicks > 0 ? spend / clicks : 0, digits: site.digits); w.comma()
                        w.text(symbol); w.amount(spend, digits: site.digits); w.comma()
                        w.text(symbol); w.amount(sales, digits: site.digits); w.comma()
                        if sales > 0 { w.amount(spend * 1_000_000 / sales, digits: 4); w.byte(0x25) }
                        w.comma()
                        w.amount(spend > 0 ? sales * 100 / spend : 0, digits: 2); w.comma()
                        w.int(orders); w.comma(); w.int(units); w.comma()
                        w.amount(clicks > 0 ? orders * 1_000_000 / clicks : 0, digits: 4); w.text("%,")
                        w.int(units); w.comma(); w.int(0); w.comma()
                        w.text(symbol); w.amount(advertised, digits: site.digits); w.comma()
                        w.text(symbol); w.amount(sales - advertised, digits: site.digits)
                        try w.endRow()
                        rows += 1
                    }
                    day = day.adding(1)
                }
                files.append(GeneratedFile(path: path, kind: "amazon_ads_sp", rows: rows, bytes: try w.finish()))
            }
        }
        return files
    }

    static let metaCountries = ["DE", "FR", "IT", "NL", "GB", "US", "ES", "AT"]
    static let metaCampaigns = ["Prospecting | Lamps & Trays", "Retargeting | All", "Prospecting | Textiles", "Advantage+ | Catalogue"]
    static let metaAdSets = ["Broad 25-54", "Viewed 30d", "Lookalike 1%", "Interest: Interior design", "Cart 7d"]

    func writeMetaAds(_ dir: String) throws -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        var rng = SplitMix64(seed: options.seed, stream: 30)
        let perDay = metaRowsPerDay
        let combos = Self.metaCountries.count * Self.metaCampaigns.count * Self.metaAdSets.count
        for (first, last) in Self.months {
            let path = "ads/meta-ads-daily-\(first.monthKey).csv"
            let w = try ByteWriter(path: dir + "/" + path)
            w.text(Self.metaHeader); try w.endRow()
            var rows = 0
            var day = first
            while day.epochDay <= last.epochDay {
                for j in 0..<perDay {
                    let c = j % combos
                    let country = Self.metaCountries[c % Self.metaCountries.count]
                    let campaign = Self.metaCampaigns[(c / Self.metaCountries.count) % Self.metaCampaigns.count]
                    let adSet = Self.metaAdSets[c / (Self.metaCountries.count * Self.metaCampaigns.count)]
                    let round = j / combos
                    let impressions = 500 + rng.below(9000)
                    let reach = impressions * (70 + rng.below(25)) / 100
                    let clicks = impressions * rng.below(20) / 1000
                    let spend = impressions * (200 + rng.below(500)) / 1000  // CPM 2–7 EUR, in cents
                    let purchases = clicks > 10 ? rng.below(clicks / 10) : 0
                    w.date(day); w.comma(); w.date(day); w.comma()
                    w.text(country); w.text(" | "); w.text(campaign)
                    if round > 0 { w.text(" | "); w.int(round + 1) }
                    w.comma()
                    w.text(adSet); w.comma(); w.text(country); w.comma()
                    w.text("7-day click or 1-day view,")
                    if purchases > 0 { w.int(purchases); w.text(",actions:offsite_conversion.fb_pixel_purchase,") } else { w.text(",,") }
                    w.int(reach); w.comma()
                    w.amount(impressions * 1_000_000 / max(reach, 1), digits: 6); w.comma()
                    if purchases > 0 { w.amount(spend / purchases, digits: 2) }
                    w.comma()
                    w.amount(spend, digits: 2); w.comma()
                    w.int(impressions); w.comma()
                    w.amount(spend * 1000 / impressions, digits: 2); w.comma()
                    w.int(clicks); w.comma()
                    if clicks > 0 { w.amount(spend / clicks, digits: 2) }
                    w.comma()
                    w.amount(clicks * 100_000_000 / impressions, digits: 6); w.comma()
                    w.int(clicks + clicks / 2); w.comma()
                    if purchases > 0 { w.int(purchases); w.comma(); w.amount(purchases * (3000 + rng.below(9000)), digits: 2) } else { w.comma() }
                    try w.endRow()
                    rows += 1
                }
                day = day.adding(1)
            }
            files.append(GeneratedFile(path: path, kind: "meta_ads", rows: rows, bytes: try w.finish()))
        }
        return files
    }
}
