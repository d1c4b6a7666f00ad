/// Google Ads (UI download: title and date-range lines, `Total:` rows after the data; USD account, segmented by
/// user country) and TikTok Ads Manager exports (EUR account, with a country column and a trailing `Total` row),
/// one file per month each. Google adds 2 % and TikTok 1 % of the ad rows of ``CorpusOptions/adRowsPerScale``
/// (at least one row a day each). The campaigns send traffic to the Shopify store's markets.
extension CorpusGenerator {
    static let googleHeader =
        "Day,Campaign,Country/Territory (User location),Currency code,Cost,Impr.,Clicks,CTR,Avg. CPC,Conversions,Conv. value"
    static let googleCampaigns: [(String, String)] = [
        ("US | Search | Lamps", "United States"), ("US | Shopping | All products", "United States"),
        ("DE | Search | Textiles", "Germany"), ("GB | Shopping | All products", "United Kingdom"),
        ("FR | Search | Candles", "France"), ("NL | PMax | Home decor", "Netherlands"),
    ]
    static let tiktokHeader =
        "By Day,Campaign name,Ad group name,Country,Cost (EUR),Impressions,Clicks,Complete payment,Total complete payment value,Complete payment ROAS"
    static let tiktokCampaigns: [(String, String)] = [
        ("FR | Spark | Candles", "France"), ("DE | Spark | Throws", "Germany"), ("GB | Catalog | Bestsellers", "United Kingdom"),
        ("IT | Spark | Lamps", "Italy"),
    ]
    static let tiktokGroups = ["Interest", "Broad", "Lookalike"]
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    func adRowsPerDay(_ share: Double) -> Int {
        max(1, Int((Double(CorpusOptions.adRowsPerScale) * share * effectiveScale / 365).rounded()))
    }

    /// `1,204`, `5,900,123` (quoted by the caller: it holds commas).
    static func grouped(_ v: Int) -> String {
        if v < 1000 { return String(v) }
        let low = String(v % 1000)
        return grouped(v / 1000) + "," + String(repeating: "0", count: 3 - low.count) + low
    }

    func writeGoogleAds(_ dir: String) throws -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        var rng = SplitMix64(seed: options.seed, stream: 60)
        let perDay = adRowsPerDay(0.02)
        for (first, last) in Self.months {
            let path = "ads/google-ads-\(first.monthKey).csv"
            let w = try ByteWriter(path: dir + "/" + path)
            w.text("Campaign report"); try w.endRow()
            let range = "\(Self.monthNames[first.month - 1]) 1, \(first.year) - \(Self.monthNames[last.month - 1]) \(last.day), \(last.year)"
            w.csvField(range); try w.endRow()
            w.text(Self.googleHeader); try w.endRow()
            var rows = 0
            var cost = 0, impressions = 0, clicks = 0
            var day = first
            while day.epochDay <= last.epochDay {
                for j in 0..<perDay {
                    let (campaign, country) = Self.googleCampaigns[(j + day.epochDay) % Self.googleCampaigns.count]
                    let round = j / Self.googleCampaigns.count
                    let impr = 200 + rng.below(3000)
                    let clk = impr * (10 + rng.below(40)) / 1000
                    let cpc = 40 + rng.below(120)
                    let spend = clk * cpc
                    let conversions = clk > 0 ? rng.below(clk / 15 + 1) : 0
                    w.date(day); w.comma()
                    w.csvField(round == 0 ? campaign : "\(campaign) | \(round + 1)"); w.comma()
                    w.text(country); w.text(",USD,")
                    w.amount(spend, digits: 2); w.comma()
                    w.csvField(Self.grouped(impr)); w.comma()
                    w.int(clk); w.comma()
                    w.amount(clk * 10_000 / impr, digits: 2); w.text("%,")
                    if clk > 0 { w.amount(spend / clk, digits: 2) } else { w.text(" --") }
                    w.comma()
                    w.amount(conversions * 100, digits: 2); w.comma()
                    if conversions > 0 { w.amount(conversions * (2500 + rng.below(6000)), digits: 2) } else { w.text(" --") }
                    try w.endRow()
                    rows += 1
                    cost += spend; impressions += impr; clicks += clk
                }
                day = day.adding(1)
            }
            w.text("Total: Account, --, --,USD,"); w.amount(cost, digits: 2); w.comma(); w.csvField(Self.grouped(impressions))
            w.comma(); w.int(clicks); w.text(", --, --, --, --"); try w.endRow()
            files.append(GeneratedFile(path: path, kind: "google_ads", rows: rows, bytes: try w.finish()))
        }
        return files
    }

    func writeTikTokAds(_ dir: String) throws -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        var rng = SplitMix64(seed: options.seed, stream: 61)
        let perDay = adRowsPerDay(0.01)
        for (first, last) in Self.months {
            let path = "ads/tiktok-ads-\(first.monthKey).csv"
            let w = try ByteWriter(path: dir + "/" + path)
            w.text(Self.tiktokHeader); try w.endRow()
            var rows = 0
            var cost = 0, impressions = 0, clicks = 0, payments = 0, value = 0
            var day = first
            while day.epochDay <= last.epochDay {
                for j in 0..<perDay {
                    let (campaign, country) = Self.tiktokCampaigns[(j + day.epochDay) % Self.tiktokCampaigns.count]
                    let group = Self.tiktokGroups[(j / Self.tiktokCampaigns.count) % Self.tiktokGroups.count]
                    let impr = 1000 + rng.below(8000)
                    let clk = impr * (5 + rng.below(15)) / 1000
                    let spend = impr * (300 + rng.below(500)) / 1000
                    let paid = clk > 20 ? rng.below(clk / 20 + 1) : 0
                    let sales = paid * (2000 + rng.below(5000))
                    w.date(day); w.comma(); w.csvField(campaign); w.comma(); w.text(group); w.comma(); w.csvField(country); w.comma()
                    w.amount(spend, digits: 2); w.comma(); w.int(impr); w.comma(); w.int(clk); w.comma(); w.int(paid); w.comma()
                    w.amount(sales, digits: 2); w.comma(); w.amount(spend > 0 ? sales * 100 / spend : 0, digits: 2)
                    try w.endRow()
                    rows += 1
                    cost += spend; impressions += impr; clicks += clk; payments += paid; value += sales
                }
                day = day.adding(1)
            }
            w.text("Total,,,,"); w.amount(cost, digits: 2); w.comma(); w.int(impressions); w.comma(); w.int(clicks); w.comma()
            w.int(payments); w.comma(); w.amount(value, digits: 2); w.comma()
            try w.endRow()
            files.append(GeneratedFile(path: path, kind: "tiktok_ads", rows: rows, bytes: try w.finish()))
        }
        return files
    }
}
