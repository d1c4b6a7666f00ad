import TidemarkCSV
import TidemarkCommerce

/// TikTok Ads Manager export (reconstructed, weak: no real file seen), one row per day × campaign (× ad group).
///
/// ```
/// By Day,Campaign name,Ad group name,Cost (EUR),Impressions,Clicks,Complete payment,Total complete payment value,Complete payment ROAS
/// 2026-09-15,FR | Spark | Candles,Interest,23.10,4821,57,2,49.80,2.16
/// Total,,,…
/// ```
///
/// Rules: the currency is in the cost column's name (`Cost (EUR)`); `Complete payment` → attributed orders,
/// `Total complete payment value` → attributed sales (`Complete payment ROAS` is ignored: recomputed); the date
/// column is `Date` or `By Day`; the trailing `Total` row is skipped as a totals row. The attribution window is
/// not in the export (`nil`). Market: a `Country`/`Location` column when present; else the source's default
/// market; else `ZZ`.
enum TikTokAds {
    static let declaration = FormatDeclaration(
        id: "tiktok_ads", title: "TikTok Ads Manager export", kind: .adPerformance, quoting: true,
        signature: ["date", "campaign", "impressions", "clicks"],
        columns: [
            ColumnSpec("date", ["By Day", "Date", "Day"], required: true),
            ColumnSpec("campaign", ["Campaign name", "Campaign"], required: true),
            ColumnSpec("ad_group", ["Ad group name", "Ad group"]),
            ColumnSpec("account", ["Advertiser name", "Account name"]),
            ColumnSpec("impressions", ["Impressions"], required: true),
            ColumnSpec("clicks", ["Clicks (destination)", "Clicks"], required: true),
            ColumnSpec("orders", ["Complete payment", "Complete Payment"]),
            ColumnSpec("value", ["Total complete payment value", "Complete payment value"]),
            ColumnSpec("country", ["Country", "Location", "Country/Region"]),
        ],
        headerPredicate: { header in
            costColumn(header) != nil && HeaderScan.has(header, prefixes: ["complete payment", "total complete payment"])
        },
        makeParser: { map, ctx in Parser(map: map, ctx: ctx) })

    /// The cost column of a header and the currency its name states, or `nil`.
    static func costColumn(_ headerNames: [String]) -> (Int, Currency)? {
        guard let (i, rest) = HeaderScan.column(headerNames, prefixes: ["Cost ("]),
            let c = HeaderScan.currencyInParentheses("(" + rest)
        else { return nil }
        return (i, c)
    }

    struct Parser: RowParser {
        let ctx: ParseContext
        let iDate, iCampaign, iAdGroup, iAccount, iImpr, iClicks, iOrders, iValue, iCountry: Int?
        let iCost: Int
        let currency: Currency

        init(map: ColumnMap, ctx: ParseContext) {
            self.ctx = ctx
            iDate = map.index("date")
            iCampaign = map.index("campaign")
            iAdGroup = map.index("ad_group")
            iAccount = map.index("account")
            iImpr = map.index("impressions")
            iClicks = map.index("clicks")
            iOrders = map.index("orders")
            iValue = map.index("value")
            iCountry = map.index("country")
            (iCost, currency) = TikTokAds.costColumn(map.headerNames) ?? (0, .EUR)
        }

        mutating func parse(_ record: CSVRecord) -> RowOutcome {
            let f = Fields(record, ctx.decimalSeparator)
            do {
                let date = try f.day(iDate, "the date")
                try checkNotFuture(date, ctx, column: iDate, raw: f.raw(iDate))
                let campaign = try f.requiredText(iCampaign, "the campaign name")
                let market = try f.market(iCountry, fallback: ctx.defaultMarket)
                return .fact(
                    .ad(
                        AdPerformance(
                            provenance: Provenance(file: ctx.fileName, line: record.line), date: date, platform: "tiktok_ads",
                            account: try f.text(iAccount) ?? "", campaign: campaign, adGroup: try f.text(iAdGroup), sku: nil,
                            market: market, currency: currency, impressions: try f.count(iImpr) ?? 0,
                            clicks: try f.count(iClicks) ?? 0, spend: try f.money(iCost, in: currency) ?? .zero,
                            attributedOrders: try f.count(iOrders), attributedSales: try f.money(iValue, in: currency),
                            attributionWindow: nil)))
            } catch let p as FieldProblem {
                return .rejecting(p)
            } catch {
                return .reject(column: 0, value: "", reason: "\(error)")
            }
        }
    }
}
