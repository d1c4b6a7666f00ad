import Foundation

/// What to generate.
public struct CorpusOptions: Sendable {
    /// Size: 1 ≈ 20 000 order lines (Amazon and Shopify together), 100 ≈ 2 M. Fractions are allowed.
    public var scale: Double
    public var seed: UInt64
    /// Overrides the number of order lines given by `scale` (ads and shipments still follow it in proportion).
    public var orderLines: Int?

    public init(scale: Double = 1, seed: UInt64 = 1, orderLines: Int? = nil) {
        self.scale = scale
        self.seed = seed
        self.orderLines = orderLines
    }

    /// Order lines at scale 1.
    public static let orderLinesPerScale = 20_000
    /// Ad rows at scale 1 (Amazon Sponsored Products and Meta together).
    public static let adRowsPerScale = 21_000
}

/// One generated file.
public struct GeneratedFile: Sendable {
    /// Path relative to the corpus folder.
    public let path: String
    public let kind: String
    public let rows: Int
    public let bytes: Int
}

/// What was generated.
public struct CorpusSummary: Sendable {
    public var files: [GeneratedFile] = []
    public var orderLines: Int { rows(of: "amazon_all_orders") + rows(of: "shopify_orders") }
    public var adRows: Int { rows(of: "amazon_ads_sp") + rows(of: "meta_ads") }
    public var shipmentRows: Int { rows(of: "generic_shipments") }
    public var bytes: Int { files.reduce(0) { $0 + $1.bytes } }
    public func rows(of kind: String) -> Int { files.filter { $0.kind == kind }.reduce(0) { $0 + $1.rows } }
}

/// Writes a deterministic, realistic corpus of one year (2025-11-01 … 2026-10-31) of a cross-border seller, in
/// every export format Tidemark reads but three alternative layouts (see below), and `pipeline.yaml` loading it all:
///
/// - Orders: Amazon All Orders TSV and Shopify orders exports (one file per month; 80 % / 20 % of the order lines),
///   plus smaller channels with their own repeat buyers: eBay Seller Hub (ebay.com and ebay.de, 2.5 % on top),
///   AliExpress (English UTF-8 and Chinese GBK months, 1.5 %) and Alibaba.com wholesale orders (0.5 %).
/// - Money and returns of the Amazon orders (same order ids, SKUs and amounts): Amazon.com's Date Range reports and
///   Amazon.de's settlement reports V2 (commission per line, FBA fee per FBA line; other marketplaces use the
///   pipeline's `fee_estimates`), and the returns of about 3 % of those orders as refunds there and as units in the
///   returns and FBA customer returns reports; a sample of Amazon.co.jp's FBA shipments.
/// - Ads: Amazon Ads Sponsored Products (per marketplace and month), Meta, Google Ads and TikTok (per month).
/// - Traffic: sessions per platform, market and day for Amazon and Shopify (always more than the orders),
///   Alibaba.com data manager traffic.
/// - Parcels: generic forwarder shipments, and, for other orders, FedEx billing, UPS billing data and ShipStation.
/// - ECB rates and unit costs.
///
/// Rows: at scale 1 the formats added in issue 7 (all but Amazon All Orders, Shopify, ECB, unit costs, Amazon
/// Ads, Meta and generic shipments) add about 43 % to the rows (20 k to 46 k; traffic has a floor of 13 rows a
/// day, a tenth of the corpus at that scale); at scale 100 about 35 % (1.6 M to 4.6 M).
///
/// Not generated: `fx_rates_table` (the ECB file already gives the rates; a second rate source would only repeat
/// them), `google_ads_api` (the same Google Ads data as the UI download; loading both would count the spend twice)
/// and custom layouts (they are pipeline mappings, not formats).
///
/// Determinism: every file has its own random stream (`SplitMix64(seed:stream:)`); the writers added later never
/// draw from the streams of the files that existed before, so those stay byte for byte the same for a seed and
/// scale.
public struct CorpusGenerator {
    public let options: CorpusOptions
    public let catalog: Catalog

    static let firstDay = Day(2025, 11, 1)
    static let lastDay = Day(2026, 10, 31)

    public init(options: CorpusOptions) {
        self.options = options
        self.catalog = Catalog(scale: options.scale, seed: options.seed)
    }

    var totalOrderLines: Int {
        options.orderLines ?? max(1, Int((Double(CorpusOptions.orderLinesPerScale) * options.scale).rounded()))
    }

    /// Scale as implied by the order lines (so a `lines` override sizes the rest alike).
    var effectiveScale: Double { Double(totalOrderLines) / Double(CorpusOptions.orderLinesPerScale) }

    /// The months of the corpus, as (first day, last day).
    static var months: [(Day, Day)] {
        var result: [(Day, Day)] = []
        var y = 2025
        var m = 11
        for _ in 0..<12 {
            let first = Day(y, m, 1)
            let next = m == 12 ? Day(y + 1, 1, 1) : Day(y, m + 1, 1)
            result.append((first, next.adding(-1)))
            if m == 12 { y += 1; m = 1 } else { m += 1 }
        }
        return result
    }

    /// Relative sales weight of a day: weekends, Black Friday to Christmas, January lull.
    static func weight(_ d: Day) -> Double {
        var w = d.isWeekend ? 1.2 : 1.0
        if (d.month == 11 && d.day >= 21) || (d.month == 12 && d.day <= 22) { w *= 1.7 }
        if d.month == 1 { w *= 0.8 }
        if d.month == 7 && d.day >= 8 && d.day <= 11 { w *= 1.5 }  // a summer sale
        return w
    }

    /// Writes the corpus into `directory` (created if needed).
    @discardableResult
    public func write(to directory: String) throws -> CorpusSummary {
        let fm = FileManager.default
        for sub in ["amazon", "shopify", "fx", "costs", "ads", "logistics", "amazon-payments", "traffic", "ebay", "aliexpress", "alibaba"] {
            try fm.createDirectory(atPath: directory + "/" + sub, withIntermediateDirectories: true)
        }
        var summary = CorpusSummary()
        summary.files += try writeFX(directory)
        summary.files += try writeUnitCosts(directory)
        // The writers that follow the orders draw from streams of their own (41–46): the orders, ads and
        // shipments files are byte for byte what they were before these formats existed.
        let seed = options.seed
        let listeners: [OrderListener] = [
            AmazonDateRangeWriter(dir: directory, catalog: catalog, seed: seed),
            AmazonSettlementWriter(dir: directory, catalog: catalog, seed: seed),
            AmazonReturnsWriter(dir: directory, catalog: catalog, seed: seed),
            AmazonFBAShipmentsWriter(dir: directory, catalog: catalog, seed: seed),
            TrafficWriter(dir: directory, catalog: catalog, seed: seed, orderLines: totalOrderLines),
            CarrierBillingWriter(dir: directory, catalog: catalog, seed: seed),
        ]
        summary.files += try writeOrdersAndShipments(directory, listeners: listeners)
        summary.files += try writeAmazonAds(directory)
        summary.files += try writeMetaAds(directory)
        // Independent smaller channels and ad platforms (streams 50–61).
        summary.files += try writeEbay(directory)
        summary.files += try writeAliExpress(directory)
        summary.files += try writeAlibaba(directory)
        summary.files += try writeGoogleAds(directory)
        summary.files += try writeTikTokAds(directory)
        try writePipeline(directory)
        return summary
    }

    // MARK: FX

    static let fxHeader =
        "Date,USD,JPY,BGN,CYP,CZK,DKK,EEK,GBP,HUF,LTL,LVL,MTL,PLN,ROL,RON,SEK,SIT,SKK,CHF,ISK,NOK,HRK,RUB,TRL,TRY,AUD,BRL,CAD,CNY,HKD,IDR,ILS,INR,KRW,MXN,MYR,NZD,PHP,SGD,THB,ZAR,"

    /// ECB TARGET holidays of the period (no rates published).
    static func isTargetHoliday(_ d: Day) -> Bool {
        (d.month == 12 && (d.day == 25 || d.day == 26)) || (d.month == 1 && d.day == 1) || (d.month == 5 && d.day == 1)
            || (d.year == 2026 && d.month == 4 && (d.day == 3 || d.day == 6))
    }

    func writeFX(_ dir: String) throws -> [GeneratedFile] {
        let w = try ByteWriter(path: dir + "/fx/eurofxref-hist.csv")
        w.text(Self.fxHeader)
        try w.endRow()
        // Random walks, oldest first, written newest first.
        var rng = SplitMix64(seed: options.seed, stream: 1)
        let first = Self.firstDay.adding(-31)
        let last = Self.lastDay.adding(20)
        var usd = 1.08, jpy = 162.0, gbp = 0.835, cny = 7.8
        var rows: [(Day, Int, Int, Int, Int)] = []
        var d = first
        while d.epochDay <= last.epochDay {
            if !d.isWeekend && !Self.isTargetHoliday(d) {
                usd *= 1 + (rng.unit() - 0.49) * 0.008
                jpy *= 1 + (rng.unit() - 0.49) * 0.008
                gbp *= 1 + (rng.unit() - 0.5) * 0.005
                cny *= 1 + (rng.unit() - 0.49) * 0.006
                rows.append((d, Int(usd * 10_000), Int(jpy * 100), Int(gbp * 100_000), Int(cny * 10_000)))
            }
            d = d.adding(1)
        }
        for (day, u, j, g, c) in rows.reversed() {
            w.date(day); w.comma()
            w.amount(u, digits: 4); w.comma()
            w.amount(j, digits: 2); w.comma()
            w.text("N/A,N/A,24.198,7.4691,N/A,")
            w.amount(g, digits: 5); w.comma()
            w.text("398.43,N/A,N/A,N/A,4.305,N/A,5.0786,10.6321,N/A,N/A,0.9675,143.03,11.6902,N/A,N/A,N/A,46.1337,1.7566,5.6714,1.6386,")
            w.amount(c, digits: 4); w.comma()
            w.text("9.0395,19896.66,4.1043,101.8434,1654.84,22.6421,5.0367,1.9303,62.758,1.5166,38.996,20.0262,")
            try w.endRow()
        }
        return [GeneratedFile(path: "fx/eurofxref-hist.csv", kind: "ecb_fx", rows: rows.count, bytes: try w.finish())]
    }

    // MARK: Unit costs

    func writeUnitCosts(_ dir: String) throws -> [GeneratedFile] {
        let w = try ByteWriter(path: dir + "/costs/unit_costs.csv")
        w.text("sku,market,valid_from,unit_cost,currency")
        try w.endRow()
        var rows = 0
        for p in catalog.products {
            w.text(p.sku); w.text(",,2025-10-01,"); w.amount(p.costCNYCents, digits: 2); w.text(",CNY")
            try w.endRow(); rows += 1
            if p.index % 5 == 0 {  // a price change in spring
                w.text(p.sku); w.text(",,2026-04-01,"); w.amount(p.costCNYCents * 106 / 100, digits: 2); w.text(",CNY")
                try w.endRow(); rows += 1
            }
        }
        return [GeneratedFile(path: "costs/unit_costs.csv", kind: "unit_costs", rows: rows, bytes: try w.finish())]
    }

    // MARK: Pipeline

    func writePipeline(_ dir: String) throws {
        var text = """
            # Generated by `tidemark generate --scale \(options.scale) --seed \(options.seed)`: one year
            # (2025-11-01 … 2026-10-31) of a cross-border seller. Paths are relative to this file.
            name: generated
            reporting:
              currency: EUR
              time_zone: UTC
            warehouse: warehouse.sqlite
            output: reports
            fail_on: critical
            fee_estimates:
              shopify: 0.029
              amazon: 0.15
              ebay: 0.13
              aliexpress: 0.08
              alibaba: 0.05
            inputs:
              - path: fx/eurofxref-hist.csv
              - path: costs/unit_costs.csv
              - path: amazon/all-orders-*.txt
                format: amazon_all_orders
              - path: shopify/orders_export_*.csv

            """
        for site in Catalog.adMarkets {
            text += "  - path: ads/amazon-ads-sp-\(site.lowercased())-*.csv\n    default_market: \(site)\n"
        }
        text += "  - path: ads/meta-ads-daily-*.csv\n  - path: logistics/shipments-*.csv\n"
        text += """
              # Amazon money: Amazon.com from the Date Range report, Amazon.de from settlements (the other
              # marketplaces' fees are estimated); returned units from the returns reports.
              - path: amazon-payments/date-range-us-*.csv
                default_market: US
              - path: amazon-payments/settlement-de-*.txt
                default_market: DE
              - path: amazon-payments/returns-us.txt
                default_market: US
              - path: amazon-payments/fba-customer-returns-us.txt
                default_market: US
              - path: amazon-payments/returns-de.txt
                default_market: DE
              - path: amazon-payments/fba-shipments-jp-*.txt
                default_market: JP
              - path: traffic/traffic-*.csv
              - path: ebay/ebay-orders-us-*.csv
                default_market: US
              - path: ebay/ebay-orders-de-*.csv
                default_market: DE
                decimal: comma
              - path: aliexpress/aliexpress-orders-*.csv
                fallback_encoding: GB18030
                time_zone: Asia/Shanghai
              - path: alibaba/alibaba-orders-*.csv
                time_zone: Asia/Shanghai
              - path: alibaba/alibaba-traffic-*.csv
              - path: ads/google-ads-*.csv
              - path: ads/tiktok-ads-*.csv
              - path: logistics/fedex-billing.csv
              - path: logistics/ups-billing-data.csv
              - path: logistics/shipstation-shipments.csv

            """
        try text.write(toFile: dir + "/pipeline.yaml", atomically: true, encoding: .utf8)
    }
}
