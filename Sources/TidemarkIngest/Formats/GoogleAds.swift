import TidemarkCSV
import TidemarkCommerce

/// Google Ads report downloaded from the UI: a title line and often a date-range line before the header, one
/// row per day × campaign (× ad group, × country when segmented), `Total: …` rows after the data.
///
/// ```
/// Campaign report
/// August 1, 2026 - October 31, 2026
/// Day	Campaign	Country/Territory (User location)	Currency code	Cost	Impr.	Clicks	Conversions	Conv. value
/// 2026-09-15	US | Search | Lamps	United States	USD	12.34	1,204	31	2.00	129.90
/// Total: Account	 --	 --	USD	…
/// ```
///
/// Rules:
/// - Comma-separated UTF-8, or UTF-16 LE with BOM and TAB-separated (the "CSV for Excel" download); detection
///   handles both. Column names follow the UI language: English (`Day`, `Campaign`, `Cost`, `Impr.`,
///   `Clicks`, `Conversions`, `Conv. value`, `Currency code`) or Chinese (`日期`, `广告系列`, `费用`, `展示次数`,
///   `点击次数`, `转化次数`, `转化价值`, `货币代码`).
/// - ` --` is "not applicable" (missing, never zero); `%` rates are ignored; `Total` rows are skipped by the
///   ingestor as totals rows.
/// - Conversions may be fractional (data-driven attribution, `1.50`): attributed orders are rounded half away
///   from zero to a whole number, since the fact holds whole orders. The attribution window is not in the
///   export (`nil`).
/// - Currency: the currency column; a file without one is rejected row by row with a clear reason (the
///   source's configured account currency does not exist in ``ParseContext`` yet).
/// - Market: a country segment column (`Country/Territory (User location)`) when present; else the source's
///   default market; else `ZZ`. An ad account's currency says nothing about where its ads ran.
enum GoogleAdsReport {
    static let declaration = FormatDeclaration(
        id: "google_ads", title: "Google Ads report (UI download)", kind: .adPerformance, quoting: true,
        signature: ["day", "campaign", "cost", "impressions", "clicks"],
        columns: [
            ColumnSpec("day", ["Day", "Date", "日期", "天"], required: true),
            ColumnSpec("campaign", ["Campaign", "广告系列"], required: true),
            ColumnSpec("ad_group", ["Ad group", "广告组"]),
            ColumnSpec("account", ["Account", "Account name", "账号", "帐号", "账户"]),
            ColumnSpec("currency", ["Currency code", "Currency", "货币代码", "货币"]),
            ColumnSpec("cost", ["Cost", "费用"], required: true),
            ColumnSpec("impressions", ["Impr.", "Impressions", "展示次数"], required: true),
            ColumnSpec("clicks", ["Clicks", "点击次数"], required: true),
            ColumnSpec("conversions", ["Conversions", "转化次数"]),
            ColumnSpec("conv_value", ["Conv. value", "Conversion value", "转化价值"]),
            ColumnSpec("country", GoogleAdsReport.countryNames),
        ],
        headerPredicate: { !isAPIHeader($0) },
        makeParser: { map, ctx in Parser(map: map, ctx: ctx, micros: false) })

    static let countryNames = [
        "Country/Territory (User location)", "Country/Territory (Matched)", "Country/Territory", "Country",
        "国家/地区 (用户所在地)", "国家/地区",
    ]

    /// An API-style header: a `Customer ID` column and the API's `Impressions` instead of the UI's `Impr.`.
    static func isAPIHeader(_ header: [String]) -> Bool {
        header.contains("customer id") && !header.contains("impr.") && !header.contains("展示次数")
    }

    /// Reads the rows of both Google Ads layouts; `micros` says whether `Cost` is in millionths.
    struct Parser: RowParser {
        let ctx: ParseContext
        let micros: Bool
        let iDay, iCampaign, iCampaignID, iAdGroup, iAccount, iCurrency, iCost, iImpr, iClicks, iConv, iValue, iCountry: Int?

        init(map: ColumnMap, ctx: ParseContext, micros: Bool) {
            self.ctx = ctx
            self.micros = micros
            iDay = map.index("day")
            iCampaign = map.index("campaign")
            iCampaignID = map.index("campaign_id")
            iAdGroup = map.index("ad_group")
            iAccount = map.index("account")
            iCurrency = map.index("currency")
            iCost = map.index("cost")
            iImpr = map.index("impressions")
            iClicks = map.index("clicks")
            iConv = map.index("conversions")
            iValue = map.index("conv_value")
            iCountry = map.index("country")
        }

        mutating func parse(_ record: CSVRecord) -> RowOutcome {
            let f = Fields(record, ctx.decimalSeparator)
            do {
                let date = try f.day(iDay, "the day")
                try checkNotFuture(date, ctx, column: iDay, raw: f.raw(iDay))
                guard let campaign = try f.text(iCampaign) ?? f.text(iCampaignID) else {
                    throw FieldProblem(column: iCampaign ?? iCampaignID ?? 0, value: "", reason: "is empty: the campaign is required")
                }
                let currency: Currency
                if iCurrency != nil {
                    currency = try f.currency(iCurrency)
                } else if let fallback = ctx.defaultCurrency {
                    currency = fallback  // the source's configured currency
                } else {
                    return .reject(column: 0, value: "", reason: "has no currency: the file has no Currency column and the source sets no default currency")
                }
                let spend: Money
                if micros {
                    // Money in millionths of a unit, which is exactly Money's own scale.
                    switch ValueParser.integer(f.bytes(iCost), separator: .point) {
                    case .value(let v): spend = Money(micros: Int64(v))
                    case .missing: spend = .zero
                    case .invalid: throw FieldProblem(column: iCost ?? 0, value: f.raw(iCost), reason: "is not a whole number of micros (1,000,000 = one currency unit)")
                    }
                } else {
                    spend = try f.money(iCost, in: currency) ?? .zero
                }
                if spend < .zero { throw FieldProblem(column: iCost ?? 0, value: f.raw(iCost), reason: "is negative: a cost cannot be") }
                let market = try f.market(iCountry, fallback: ctx.defaultMarket)
                return .fact(
                    .ad(
                        AdPerformance(
                            provenance: Provenance(file: ctx.fileName, line: record.line), date: date, platform: "google_ads",
                            account: try f.text(iAccount) ?? "", campaign: campaign, adGroup: try f.text(iAdGroup), sku: nil,
                            market: market, currency: currency, impressions: try f.count(iImpr) ?? 0,
                            clicks: try f.count(iClicks) ?? 0, spend: spend, attributedOrders: try conversions(f),
                            attributedSales: try f.money(iValue, in: currency), attributionWindow: nil)))
            } catch let p as FieldProblem {
                return .rejecting(p)
            } catch {
                return .reject(column: 0, value: "", reason: "\(error)")
            }
        }

        /// Conversions, possibly fractional, rounded half away from zero to whole orders; `nil` when ` --`.
        func conversions(_ f: Fields) throws -> Int? {
            switch ValueParser.scaledDecimal(f.bytes(iConv), scale: 6, separator: f.separator) {
            case .missing: return nil
            case .invalid(let why): throw FieldProblem(column: iConv ?? 0, value: f.raw(iConv), reason: why)
            case .value(let n):
                if n.isPercent || !n.currencyText.isEmpty || n.scaled < 0 {
                    throw FieldProblem(column: iConv ?? 0, value: f.raw(iConv), reason: "is not a number of conversions")
                }
                return Int(Money.divideRoundingHalfAwayFromZero(Int128(n.scaled), by: 1_000_000))
            }
        }
    }
}

/// Google Ads API-style CSV (AdWords API report download): a quoted title line, then a header with
/// `Customer ID`, money in MICROS in the data rows, and a ragged `Total` row in units.
///
/// ```
/// "CAMPAIGN_PERFORMANCE_REPORT 1370029981335 (May 1, 2013-May 10, 2013)"
/// Customer ID,Day,Cost,Clicks,Impressions,Conv. (1-per-click),CTR,Avg. CPM,Avg. CPC,Avg. position,Currency,Campaign ID,…
/// 1232422123,2013-05-01,1110000,5,927,0,0.54%,1200000,220000,3.59,EUR,132449648,enabled,1000000,41273
/// Total, --,10.02,55,8215,0,0.67%,1.22,0.18,3.57, --, --, --,1.00
/// ```
///
/// Rules: `Cost` is a whole number of micros (`1110000` = 1.11; a value with decimals is rejected rather than
/// read in the wrong unit); conversion value, where present, is in units. The `Total` row (in units, one field
/// short) is skipped as a totals row before its shape is judged. Campaign = `Campaign` if present, else
/// `Campaign ID`; account = `Customer ID`. Currency and market as for ``GoogleAdsReport``.
enum GoogleAdsAPIReport {
    static let declaration = FormatDeclaration(
        id: "google_ads_api", title: "Google Ads API report (CSV, micros)", kind: .adPerformance, quoting: true,
        signature: ["account", "day", "cost", "clicks", "impressions"],
        columns: [
            ColumnSpec("account", ["Customer ID"], required: true),
            ColumnSpec("day", ["Day", "Date"], required: true),
            ColumnSpec("campaign", ["Campaign", "Campaign name"]),
            ColumnSpec("campaign_id", ["Campaign ID"]),
            ColumnSpec("ad_group", ["Ad group"]),
            ColumnSpec("currency", ["Currency", "Currency code"]),
            ColumnSpec("cost", ["Cost"], required: true),
            ColumnSpec("impressions", ["Impressions"], required: true),
            ColumnSpec("clicks", ["Clicks"], required: true),
            ColumnSpec("conversions", ["Conversions", "Conv. (1-per-click)", "Converted clicks"]),
            ColumnSpec("conv_value", ["Total conv. value", "Conv. value", "Conversion value"]),
            ColumnSpec("country", GoogleAdsReport.countryNames),
        ],
        headerPredicate: { header in
            GoogleAdsReport.isAPIHeader(header) && (header.contains("campaign") || header.contains("campaign id"))
        },
        makeParser: { map, ctx in GoogleAdsReport.Parser(map: map, ctx: ctx, micros: true) })
}
