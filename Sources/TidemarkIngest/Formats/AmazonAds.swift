import TidemarkCSV
import TidemarkCommerce

/// Amazon Ads — Sponsored Products (and Sponsored Brands) reports downloaded from the console: CSV, one row per
/// date × campaign × ad group × advertised product.
///
/// ```
/// Date,Portfolio name,Currency,Campaign Name,Ad Group Name,Advertised SKU,Advertised ASIN,Impressions,Clicks,
/// Click-Thru Rate (CTR),Cost Per Click (CPC),Spend,7 Day Total Sales ,Total Advertising Cost of Sales (ACoS) ,
/// Total Return on Advertising Spend (RoAS),7 Day Total Orders (#),7 Day Total Units (#),…
/// ```
///
/// Rules:
/// - Header names may carry trailing spaces; `ACoS`/`ACOS` and `RoAS`/`ROAS` vary (rates are not read: they
///   are recomputed from spend and sales).
/// - Amounts like `$ 16.22` or `16.22`; a currency symbol or code in a value must agree with the row's
///   `Currency`. Rates like `18.7558%` are ignored. Dates `Dec 01, 2019` or `2019-12-01`.
/// - The attribution window is part of the conversion columns' names (`7 Day Total Sales` for Sponsored
///   Products, `14 Day Total Sales` for Sponsored Brands) and is kept verbatim (`7 Day`, `14 Day`) on every fact.
///   Orders are read from the `Total Orders (#)` column of the same window only.
/// - Daily variant: a `Date` column. Summary variant: `Start Date`/`End Date`; a row covering more than one day
///   is a period total that cannot be placed on a day without inventing a split, so it is skipped ("period
///   total, not daily") and counted; a row whose start equals its end is that day.
/// - `Advertised SKU` → sku; `Ad Group Name` → ad group. The account is not in the export (empty).
/// - Market: a `Marketplace`/`Country` column when present; else the source's default market; else the single
///   market of the currency (USD → US, GBP → GB, JPY → JP …; EUR names none); else `ZZ`.
/// - Currency: the `Currency` column; a row without one is rejected (no source default currency exists yet).
enum AmazonAdsSponsoredProducts {
    static let declaration = FormatDeclaration(
        id: "amazon_ads_sponsored_products", title: "Amazon Ads Sponsored Products/Brands report", kind: .adPerformance,
        quoting: true,
        signature: ["campaign", "impressions", "clicks", "spend"],
        columns: [
            ColumnSpec("date", ["Date"]),
            ColumnSpec("start_date", ["Start Date"]),
            ColumnSpec("end_date", ["End Date"]),
            ColumnSpec("currency", ["Currency"]),
            ColumnSpec("campaign", ["Campaign Name"], required: true),
            ColumnSpec("ad_group", ["Ad Group Name"]),
            ColumnSpec("sku", ["Advertised SKU"]),
            ColumnSpec("asin", ["Advertised ASIN"]),
            ColumnSpec("impressions", ["Impressions"], required: true),
            ColumnSpec("clicks", ["Clicks"], required: true),
            ColumnSpec("spend", ["Spend"], required: true),
            ColumnSpec("marketplace", ["Marketplace", "Country"]),
        ],
        headerPredicate: { header in
            let daily = header.contains("date")
            let summary = header.contains("start date") && header.contains("end date")
            return (daily || summary) && header.contains { isWindowColumn($0, suffix: " day total sales") }
        },
        makeParser: { map, ctx in Parser(map: map, ctx: ctx) })

    /// Whether a normalised name is `<N> day total sales` (or another `suffix`).
    static func isWindowColumn(_ name: String, suffix: String) -> Bool {
        guard name.hasSuffix(suffix) else { return false }
        let head = name.dropLast(suffix.count)
        return !head.isEmpty && head.allSatisfy(\.isNumber)
    }

    struct Parser: RowParser {
        let ctx: ParseContext
        let iDate, iStart, iEnd, iCurrency, iCampaign, iAdGroup, iSKU, iImpr, iClicks, iSpend, iMarketplace: Int?
        /// The conversion columns of the first attribution window in the header, and the window's name.
        let iSales, iOrders: Int?
        let window: String?
        // Memos of the columns whose few values repeat from row to row (see `FieldMemo`).
        var dateMemo = FieldMemo<CivilDate>()
        var startMemo = FieldMemo<CivilDate>()
        var endMemo = FieldMemo<CivilDate>()
        var campaignMemo = FieldMemo<String>()
        var currencyMemo = FieldMemo<Currency>()
        var adGroupMemo = FieldMemo<String?>()

        init(map: ColumnMap, ctx: ParseContext) {
            self.ctx = ctx
            iDate = map.index("date")
            iStart = map.index("start_date")
            iEnd = map.index("end_date")
            iCurrency = map.index("currency")
            iCampaign = map.index("campaign")
            iAdGroup = map.index("ad_group")
            iSKU = map.index("sku")
            iImpr = map.index("impressions")
            iClicks = map.index("clicks")
            iSpend = map.index("spend")
            iMarketplace = map.index("marketplace")
            let normalized = map.headerNames.map(HeaderName.normalize)
            let sales = normalized.firstIndex { isWindowColumn($0, suffix: " day total sales") }
            iSales = sales
            let w = sales.flatMap { HeaderScan.dayWindow(map.headerNames[$0]) }
            window = w
            // Orders of the same window only: `7 Day Total Orders (#)` with `7 Day Total Sales`.
            iOrders = w.flatMap { w in normalized.firstIndex { $0 == HeaderName.normalize(w + " Total Orders (#)") } }
        }

        mutating func parse(_ record: CSVRecord) -> RowOutcome {
            let f = Fields(record, ctx.decimalSeparator)
            do {
                let date: CivilDate
                if iDate != nil {
                    date = try f.day(iDate, "the date", memo: &dateMemo)
                } else {
                    let start = try f.day(iStart, "the start date", memo: &startMemo)
                    let end = try f.day(iEnd, "the end date", memo: &endMemo)
                    if start != end { return .skip(reason: "period total, not daily (Start Date ≠ End Date)") }
                    date = start
                }
                try checkNotFuture(date, ctx, column: iDate ?? iStart, raw: f.raw(iDate ?? iStart))
                let campaign = try f.requiredText(iCampaign, "the campaign name", memo: &campaignMemo)
                let currency: Currency
                if iCurrency != nil {
                    currency = try f.currency(iCurrency, memo: &currencyMemo)
                } else if let fallback = ctx.defaultCurrency {
                    currency = fallback  // the source's configured currency
                } else {
                    return .reject(column: 0, value: "", reason: "has no currency: the file has no Currency column and the source sets no default currency")
                }
                let spend = try f.money(iSpend, in: currency) ?? .zero
                let sales = try f.money(iSales, in: currency)
                return .fact(
                    .ad(
                        AdPerformance(
                            provenance: Provenance(file: ctx.fileName, line: record.line), date: date, platform: "amazon_ads",
                            account: "", campaign: campaign, adGroup: try f.text(iAdGroup, memo: &adGroupMemo), sku: try f.text(iSKU),
                            market: try market(f, currency), currency: currency, impressions: try f.count(iImpr) ?? 0,
                            clicks: try f.count(iClicks) ?? 0, spend: spend, attributedOrders: try f.count(iOrders),
                            attributedSales: sales, attributionWindow: window)))
            } catch let p as FieldProblem {
                return .rejecting(p)
            } catch {
                return .reject(column: 0, value: "", reason: "\(error)")
            }
        }

        /// A marketplace column; else the source's default market; else the currency's single market; else ZZ.
        func market(_ f: Fields, _ currency: Currency) throws -> Market {
            if let m = try f.text(iMarketplace) {
                return Market.amazonMarketplace(m) ?? Market.named(m) ?? .unknown
            }
            return ctx.defaultMarket ?? CurrencyHome.market(of: currency) ?? .unknown
        }
    }
}
